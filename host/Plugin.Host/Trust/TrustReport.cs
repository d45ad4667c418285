using System.Collections.Concurrent;
using System.Text.Json;

namespace Plugin.Host.Trust;

/// <summary>Who signed a package: the primary signature's certificate. <see cref="Verified"/> is false for what the market
/// reads from a package not installed yet (the signature is verified at install); <see cref="TrustedRoot"/> is false when
/// the certificate chain ends in a root this machine does not trust (a self-signed author certificate, for example).</summary>
public sealed record PackageSigner(
    string Subject,
    string Fingerprint,
    string Type,
    bool TrustedRoot,
    bool Verified = true);

/// <summary>
/// What the trust checks found in an installed version, kept as <c>trust.json</c> beside <c>install.json</c> (a version
/// folder never changes once in place, so it is read once per folder and cached).
/// </summary>
public sealed record TrustReport(
    IReadOnlyList<CallSite> ProcessExits,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string>? DeclaredCapabilities,
    IReadOnlyList<string> Warnings,
    PackageSigner? Signer,
    DateTimeOffset InspectedAt)
{
    public const string FileName = "trust.json";

    // The file's own names (camelCase, like install.json); the REST API names them with the host's snake_case policy.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    // Keyed by file and checked against its write time (one stat per read): the list endpoint reads it for every plugin.
    private static readonly ConcurrentDictionary<string, (DateTime Written, TrustReport Report)> Cache = new(StringComparer.Ordinal);

    /// <summary>The report of an installed version folder (null when there is none: installed before these checks).</summary>
    public static TrustReport? Read(string? versionFolder)
    {
        if (versionFolder is null)
            return null;
        var path = Path.Combine(versionFolder, FileName);
        try
        {
            var written = File.GetLastWriteTimeUtc(path);
            if (!File.Exists(path))
            {
                Cache.TryRemove(path, out _);
                return null;
            }
            if (Cache.TryGetValue(path, out var cached) && cached.Written == written)
                return cached.Report;
            var report = JsonSerializer.Deserialize<TrustReport>(File.ReadAllText(path), Json);
            if (report is not null)
                Cache[path] = (written, report);
            return report;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string versionFolder)
    {
        using (var stream = new FileStream(Path.Combine(versionFolder, FileName), FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }
    }
}

using Microsoft.Extensions.Configuration;

namespace Plugin.Host.Trust;

/// <summary>
/// The admin's trust policy for plugin packages (<c>Host:Plugins:*</c>). Defaults let every well-behaved package in:
/// only process-ending calls are refused.
/// </summary>
public sealed class TrustOptions
{
    public const string Section = "Host:Plugins";

    /// <summary><c>Host:Plugins:AllowProcessExit</c>: let in plugins whose code calls Environment.Exit/FailFast or Process.Kill.</summary>
    public bool AllowProcessExit { get; set; }

    /// <summary><c>Host:Plugins:RequireSigned</c>: refuse plugin packages without a NuGet signature.</summary>
    public bool RequireSigned { get; set; }

    /// <summary><c>Host:Plugins:TrustedSigners</c>: SHA-256 fingerprints (hex, any case, colons/spaces ignored) of the signer
    /// certificates accepted; when set, a package signed by anyone else is refused, and a listed signer is trusted even when
    /// its certificate chain ends in a root this machine does not trust (pinning, e.g. a self-signed author certificate).</summary>
    public IList<string> TrustedSigners { get; set; } = [];

    public static TrustOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var signers = section.GetSection(nameof(TrustedSigners)).GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (signers.Count == 0 && section[nameof(TrustedSigners)] is { Length: > 0 } joined)
            signers.AddRange(joined.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new TrustOptions
        {
            AllowProcessExit = section.GetValue<bool>(nameof(AllowProcessExit)),
            RequireSigned = section.GetValue<bool>(nameof(RequireSigned)),
            TrustedSigners = signers.Select(NormalizeFingerprint).Where(s => s.Length > 0).ToList(),
        };
    }

    public static string NormalizeFingerprint(string fingerprint) =>
        new(fingerprint.Where(char.IsAsciiHexDigit).Select(char.ToUpperInvariant).ToArray());
}

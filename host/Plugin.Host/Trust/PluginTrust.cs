using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Host.Installation;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Trust;

/// <summary>
/// The trust checks of a plugin package, run by the installer once the package is extracted (before it is put in place)
/// and by the loader for versions installed before these checks existed: NuGet signature (<see cref="PackageSignatures"/>),
/// process-ending calls and capabilities (<see cref="AssemblyInspector"/>) over every assembly of the version folder —
/// the plugin's own and its private dependencies. The result is kept as <see cref="TrustReport"/> (<c>trust.json</c>).
/// </summary>
public sealed class PluginTrust(TrustOptions options, ILogger<PluginTrust>? logger = null, Workers.IsolationPolicy? isolation = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public TrustOptions Options => options;

    /// <summary>Checks an extracted package in <paramref name="folder"/>; throws <see cref="PluginInstallException"/> to refuse it.</summary>
    public async Task<TrustReport> CheckInstallAsync(string pluginId, string folder, string? nupkg, CancellationToken cancellationToken)
    {
        var signer = nupkg is null ? null : await PackageSignatures.VerifyAsync(pluginId, nupkg, options, cancellationToken);
        var report = Inspect(pluginId, folder, signer);
        Enforce(pluginId, report);
        foreach (var warning in report.Warnings)
            _logger.LogWarning("Plugin {PluginId}: {Warning}", pluginId, warning);
        report.Write(folder);
        return report;
    }

    /// <summary>Before a load: the version's report (inspected now when it has none) must pass today's policy.</summary>
    public void CheckLoad(InstalledPackage package)
    {
        var report = TrustReport.Read(package.Directory);
        if (report is null)
        {
            report = Inspect(package.Id, package.Directory, signer: null);
            try { report.Write(package.Directory); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* inspected again next time */ }
        }
        Enforce(package.Id, report);
    }

    private void Enforce(string pluginId, TrustReport report)
    {
        if (report.ProcessExits.Count == 0 || options.AllowProcessExit)
            return;
        // In a worker process, ending the process ends the worker only: the crash policy restarts it.
        if (isolation?.ModeFor(pluginId) == Workers.PluginIsolation.Process)
            return;
        var first = report.ProcessExits[0];
        var more = report.ProcessExits.Count > 1 ? $" (and {report.ProcessExits.Count - 1} more call(s): {string.Join(", ", report.ProcessExits.Skip(1).Take(5))})" : "";
        throw new PluginInstallException(pluginId, PluginErrorKind.Forbidden,
            $"Plugin {pluginId} calls {first.Target}, which ends the host process, from {first.Caller}{more}. Refused; an admin can allow it with Host:Plugins:AllowProcessExit=true");
    }

    private static TrustReport Inspect(string pluginId, string folder, PackageSigner? signer)
    {
        var exits = new List<CallSite>();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var dll in Directory.EnumerateFiles(folder, "*.dll", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            AssemblyInspection inspection;
            try { inspection = AssemblyInspector.Inspect(dll); }
            catch (BadImageFormatException) { continue; } // a native library shipped in lib/: nothing to read
            exits.AddRange(inspection.ProcessExits.Select(e => e with { Caller = $"{e.Caller} in {inspection.Assembly}" }));
            found.UnionWith(inspection.Capabilities);
        }
        var declared = DeclaredCapabilities(folder);
        var warnings = new List<string>();
        if (declared is not null)
        {
            var undeclared = found.Where(c => !declared.Contains(c, StringComparer.Ordinal)).ToList();
            if (undeclared.Count > 0)
                warnings.Add($"uses capabilities its package does not declare: {string.Join(", ", undeclared)}");
        }
        else if (found.Count > 0)
        {
            warnings.Add($"declares no capabilities but uses: {string.Join(", ", found)}");
        }
        return new TrustReport(exits, found.ToList(), declared, warnings, signer, DateTimeOffset.UtcNow);
    }

    /// <summary>The union of <c>capabilities</c> over the package.json entries, or null when no entry declares any.</summary>
    public static IReadOnlyList<string>? DeclaredCapabilities(string folder)
    {
        var path = Path.Combine(folder, PackageFile.MarketEntryFile);
        if (!File.Exists(path))
            return null;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject root)
                return null;
            var entries = root.Select(kv => kv.Value).OfType<JsonObject>().ToList();
            List<string>? declared = null;
            foreach (var entry in entries)
            {
                if (ReadCapabilities(entry) is { } list)
                    (declared ??= []).AddRange(list);
            }
            return declared?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An entry's declared capabilities — <c>dotnet.capabilities</c> as the generator writes it, or a hand-written
    /// top-level <c>capabilities</c>; an array or a ";"/","-separated string — in canonical names; null when absent.</summary>
    public static IReadOnlyList<string>? ReadCapabilities(JsonObject? entry)
    {
        var node = (entry?[MarketEntrySchema.Dotnet] as JsonObject)?[MarketEntrySchema.Capabilities] ?? entry?[MarketEntrySchema.Capabilities];
        IEnumerable<string>? names = node switch
        {
            JsonArray a => a.Select(x => x?.ToString() ?? ""),
            JsonValue v when v.TryGetValue<string>(out var s) => s.Split([';', ','], StringSplitOptions.RemoveEmptyEntries),
            _ => null,
        };
        return names?.Select(n => Capabilities.Normalize(n) ?? n.Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList();
    }
}

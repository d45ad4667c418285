using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using NuGet.Versioning;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Loading;

/// <summary>
/// What the host's default load context already provides, and so what plugins share instead of bringing their own.
/// The one rule both the installer and the loader follow:
/// <list type="number">
/// <item><b>Shared (always from the host):</b> <c>Plugin.Sdk</c>, the assemblies Plugin.Sdk references outside the framework,
/// every <c>Microsoft.Extensions.*.Abstractions</c> / <c>Microsoft.Extensions.Primitives</c> the host has, and every framework
/// assembly (the shared frameworks the host runs on). Types crossing the plugin boundary must be the host's, or casts fail.</item>
/// <item><b>Host-provided (skipped at install):</b> a dependency whose package id names an assembly the host already has
/// (its trusted platform assemblies) at the same or a newer version than the dependency's minimum.</item>
/// <item><b>Private (everything else):</b> extracted into the plugin's folder and loaded in the plugin's own context, so two
/// plugins may use two versions of one library.</item>
/// </list>
/// </summary>
public sealed class HostAssemblies
{
    public const string SdkAssemblyName = "Plugin.Sdk";

    private readonly Dictionary<string, string> _trusted = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _shared = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _frameworkRoot;

    public HostAssemblies()
    {
        // TRUSTED_PLATFORM_ASSEMBLIES = the framework plus every assembly of the host's deps.json: what Default can load.
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in tpa)
            _trusted.TryAdd(Path.GetFileNameWithoutExtension(path), path);

        // .../shared/Microsoft.NETCore.App/10.0.x/ -> .../shared/ holds every shared framework (NETCore, AspNetCore).
        _frameworkRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..")) + Path.DirectorySeparatorChar;

        var sdk = typeof(IPluginManifest).Assembly;
        SdkVersion = sdk.GetName().Version ?? new Version(0, 0);
        _shared.Add(SdkAssemblyName);
        // The SDK's own non-framework references (e.g. logging abstractions) appear in its public signatures.
        var queue = new Queue<Assembly>([sdk]);
        while (queue.Count > 0)
        {
            foreach (var reference in queue.Dequeue().GetReferencedAssemblies())
            {
                if (reference.Name is null || IsFramework(reference.Name) || !_shared.Add(reference.Name))
                    continue;
                try { queue.Enqueue(AssemblyLoadContext.Default.LoadFromAssemblyName(reference)); }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { }
            }
        }
        foreach (var name in _trusted.Keys)
        {
            if (name.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase)
                && (name.EndsWith(".Abstractions", StringComparison.OrdinalIgnoreCase) || name.Equals("Microsoft.Extensions.Primitives", StringComparison.OrdinalIgnoreCase)))
                _shared.Add(name);
        }
    }

    /// <summary>The host's Plugin.Sdk assembly version; plugins must be built against the same major.</summary>
    public Version SdkVersion { get; }

    /// <summary>True when <paramref name="assemblyName"/> must resolve from the host (rule 1).</summary>
    public bool IsShared(string assemblyName) => _shared.Contains(assemblyName) || IsFramework(assemblyName);

    /// <summary>True for an assembly of one of the shared frameworks the host runs on.</summary>
    public bool IsFramework(string assemblyName) =>
        _trusted.TryGetValue(assemblyName, out var path) && Path.GetFullPath(path).StartsWith(_frameworkRoot, StringComparison.Ordinal);

    /// <summary>The version of the host's copy of the assembly named like <paramref name="packageId"/>, or null when the host has none.
    /// File version first (package versions follow it, e.g. Newtonsoft.Json 13.0.3 = file 13.0.3.x, assembly 13.0.0.0).</summary>
    public NuGetVersion? GetHostVersion(string packageId)
    {
        if (!_trusted.TryGetValue(packageId, out var path) || !File.Exists(path))
            return null;
        try
        {
            var file = FileVersionInfo.GetVersionInfo(path);
            if (file.FileMajorPart > 0 || file.FileMinorPart > 0)
                return new NuGetVersion(file.FileMajorPart, file.FileMinorPart, file.FileBuildPart);
            var v = AssemblyName.GetAssemblyName(path).Version;
            return v is null ? null : new NuGetVersion(v.Major, v.Minor, Math.Max(v.Build, 0));
        }
        catch (Exception e) when (e is IOException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Rules 1 and 2 for a package dependency: true when the plugin must not carry its own copy. <c>Plugin.Sdk</c> is always
    /// the host's (its major is checked separately).
    /// </summary>
    public bool ProvidesPackage(string packageId, VersionRange? range)
    {
        if (IsShared(packageId))
            return true;
        var host = GetHostVersion(packageId);
        return host is not null && (range?.MinVersion is null || host >= range.MinVersion);
    }
}

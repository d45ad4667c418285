using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Host.Trust;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Loading;

/// <summary>
/// Loads an installed plugin into its own collectible context and creates its generated manifest: the type named by the
/// assembly's <see cref="PluginManifestAttribute"/>, created with <see cref="Activator"/> — no type scanning.
/// Failures come back as <see cref="PluginInstallException"/>: <see cref="PluginErrorKind.Incompatible"/> for another SDK
/// major or a missing manifest, <see cref="PluginErrorKind.PluginFailed"/> when plugin code throws,
/// <see cref="PluginErrorKind.Corrupt"/> when the assembly is gone. The context of a failed load is unloaded.
/// </summary>
public sealed class PluginLoader(HostAssemblies host, ILogger<PluginLoader>? logger = null, PluginTrust? trust = null) : IPluginLoader
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public LoadedAssembly Load(InstalledPackage package)
    {
        // Another package owns one of its plugin ids: loading it would make it that plugin, with that plugin's config.
        if (package.Refusal is { } refusal)
            throw new PluginInstallException(package.Id, PluginErrorKind.Conflict, refusal);
        if (!File.Exists(package.AssemblyPath))
            throw new PluginInstallException(package.Id, PluginErrorKind.Corrupt,
                $"Plugin {package.Id} {package.Version}: assembly '{package.AssemblyPath}' is missing; reinstall the plugin");
        // Today's policy also holds for versions installed before it (they are inspected now, without loading them).
        trust?.CheckLoad(package);

        var context = new PluginLoadContext($"plugin:{package.Id}@{package.Version}", package.Directory,
            package.PrivateAssemblyPaths.Append(package.AssemblyPath), host);
        var handle = new PluginLoadContextHandle(context);
        try
        {
            var (assembly, manifest) = LoadManifest(package, context);
            _logger.LogInformation("Loader: loaded {Id} {Version} ({Count} plugin(s), SDK {Sdk})", package.Id, package.Version, manifest.Plugins.Count, manifest.SdkVersion);
            return new LoadedAssembly(package, handle, assembly, manifest);
        }
        catch (Exception e)
        {
            handle.Unload();
            if (e is PluginInstallException)
                throw;
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            _logger.LogError(cause, "Loader: plugin {Id} {Version} failed to load: {Message}", package.Id, package.Version, cause.Message);
            throw new PluginInstallException(package.Id, PluginErrorKind.PluginFailed,
                $"Plugin {package.Id} {package.Version} failed to load: {cause.GetType().Name}: {cause.Message}", cause);
        }
    }

    // Kept out of Load's frame so no local holds the context's types once a failed load is unloaded.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (Assembly, IPluginManifest) LoadManifest(InstalledPackage package, PluginLoadContext context)
    {
        // Private dependencies are loaded up front (loading runs no code): an update may delete this version's folder while
        // the old version is still stopping, and a lazy load from a deleted folder would fail. Shared names are never
        // loaded here — that would shadow the host's copy inside this context.
        foreach (var path in package.PrivateAssemblyPaths)
        {
            if (host.IsShared(Path.GetFileNameWithoutExtension(path)) || !File.Exists(path))
                continue;
            try { context.LoadFromAssemblyPath(path); }
            catch (BadImageFormatException) { /* a native DLL in lib/: loaded on demand through LoadUnmanagedDll */ }
        }
        var assembly = context.LoadFromAssemblyPath(package.AssemblyPath);
        var sdkReference = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == HostAssemblies.SdkAssemblyName);
        if (sdkReference?.Version is { } referenced && SdkCompatibility.Refusal(referenced, host.SdkVersion) is { } refusal)
            throw NotSupported(package, refusal);

        var attribute = assembly.GetCustomAttribute<PluginManifestAttribute>()
            ?? throw NotSupported(package, $"has no [assembly: PluginManifest(...)] in '{Path.GetFileName(package.AssemblyPath)}' (not built with the Plugin.Sdk generator)");
        if (!typeof(IPluginManifest).IsAssignableFrom(attribute.ManifestType))
            throw NotSupported(package, $"names manifest type {attribute.ManifestType.FullName}, which does not implement IPluginManifest");

        var manifest = (IPluginManifest)Activator.CreateInstance(attribute.ManifestType)!;
        var sdkVersion = manifest.SdkVersion;
        if (SdkCompatibility.Parse(sdkVersion) is not { } declared)
            throw NotSupported(package, $"declares SDK version '{sdkVersion}', which is not a version");
        if (SdkCompatibility.Refusal(declared, host.SdkVersion) is { } declaredRefusal)
            throw NotSupported(package, declaredRefusal);
        // Touch the registrations now: a manifest that throws here would otherwise fail later, far from the load.
        _ = manifest.Plugins.Count;
        return (assembly, manifest);
    }

    private PluginInstallException NotSupported(InstalledPackage package, string what) =>
        new(package.Id, PluginErrorKind.Incompatible, $"Plugin {package.Id} {package.Version} {what}");
}

using System.Reflection;
using Plugin.Host.Installation;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Loading;

/// <summary>A plugin assembly loaded in its own collectible context, with its generated manifest.</summary>
public sealed class LoadedAssembly(InstalledPackage package, AssemblyLoadContextHandle context, Assembly assembly, IPluginManifest manifest)
{
    public InstalledPackage Package { get; } = package;
    public AssemblyLoadContextHandle Context { get; } = context;
    public Assembly Assembly { get; } = assembly;
    public IPluginManifest Manifest { get; } = manifest;
}

/// <summary>Owns the collectible AssemblyLoadContext; unload returns a weak reference that proves collection.</summary>
public abstract class AssemblyLoadContextHandle
{
    public abstract string Name { get; }

    /// <summary>Starts unloading; the returned reference goes dead once the context is collected.</summary>
    public abstract WeakReference Unload();
}

/// <summary>Loads installed plugins: <c>Plugin.Sdk</c> and the framework shared with the host, everything else private.</summary>
public interface IPluginLoader
{
    /// <summary>Loads the assembly and finds its manifest through <see cref="PluginManifestAttribute"/> (no type scanning).
    /// Throws <see cref="PluginInstallException"/> (Incompatible / PluginFailed / Corrupt) with the reason.</summary>
    LoadedAssembly Load(InstalledPackage package);

    /// <summary>As <see cref="Load"/>; a loader that starts a worker process (Workers/) waits for it here without blocking.</summary>
    ValueTask<LoadedAssembly> LoadAsync(InstalledPackage package, CancellationToken cancellationToken) => ValueTask.FromResult(Load(package));
}

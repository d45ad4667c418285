using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Plugin.Host.Loading;

/// <summary>
/// One plugin's collectible context. Shared assemblies (see <see cref="HostAssemblies"/>) are left to the default context so
/// Plugin.Sdk types are the host's; everything found in the plugin's folder loads privately; anything else falls back to the
/// host (a dependency the installer skipped because the host already has it).
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly HostAssemblies _host;
    private readonly Dictionary<string, string> _private = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _directory;

    public PluginLoadContext(string name, string directory, IEnumerable<string> assemblyPaths, HostAssemblies host)
        : base(name, isCollectible: true)
    {
        _host = host;
        _directory = directory;
        foreach (var path in assemblyPaths)
            _private.TryAdd(Path.GetFileNameWithoutExtension(path), path);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || _host.IsShared(assemblyName.Name))
            return null;
        if (!string.IsNullOrEmpty(assemblyName.CultureName))
        {
            // Satellite resources keep their culture folder beside the plugin.
            var satellite = Path.Combine(_directory, assemblyName.CultureName, assemblyName.Name + ".dll");
            return File.Exists(satellite) ? LoadFromAssemblyPath(satellite) : null;
        }
        return _private.TryGetValue(assemblyName.Name, out var path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>Native libraries shipped beside the plugin (<c>name.so</c>, <c>libname.so</c>, <c>name.dll</c>, ...).</summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var candidate in new[] { unmanagedDllName, $"lib{unmanagedDllName}.so", $"{unmanagedDllName}.so", $"{unmanagedDllName}.dll", $"lib{unmanagedDllName}.dylib" })
        {
            var path = Path.Combine(_directory, candidate);
            if (File.Exists(path))
                return LoadUnmanagedDllFromPath(path);
        }
        return IntPtr.Zero;
    }
}

/// <summary>Holds the context strongly until <see cref="Unload"/>, then only weakly, so it can be collected.</summary>
internal sealed class PluginLoadContextHandle(PluginLoadContext context) : AssemblyLoadContextHandle
{
    private PluginLoadContext? _context = context;
    private WeakReference? _weak;

    public override string Name { get; } = context.Name ?? "plugin";

    internal PluginLoadContext? Context => _context;

    public override WeakReference Unload()
    {
        lock (this)
        {
            if (_context is { } context)
            {
                _weak = new WeakReference(context, trackResurrection: true);
                _context = null;
                context.Unload();
            }
            return _weak!;
        }
    }
}

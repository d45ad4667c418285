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
        _directory = Path.GetFullPath(directory);
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

    /// <summary>
    /// Native libraries of the plugin: the <c>runtimes/&lt;rid&gt;/native/</c> assets the installer extracted into
    /// <see cref="NativeFolder"/> for the host's RID, then files beside the plugin. A name is tried as given and with the
    /// platform's prefix and suffixes (<c>sodium</c> → <c>libsodium.so</c>), as DllImport does. Not found → zero, and the
    /// runtime's default probing (the host's own and the system's libraries) goes on.
    /// </summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var folder in (string[])[Path.Combine(_directory, NativeFolder), _directory])
        {
            foreach (var candidate in NativeNames(unmanagedDllName))
            {
                var path = Path.GetFullPath(Path.Combine(folder, candidate));
                if (path.StartsWith(_directory, StringComparison.Ordinal) && File.Exists(path))
                    return LoadUnmanagedDllFromPath(path);
            }
        }
        return IntPtr.Zero;
    }

    /// <summary>Where the installer puts native assets in a version folder.</summary>
    public const string NativeFolder = "native";

    private static IEnumerable<string> NativeNames(string name)
    {
        var (prefix, suffix) = OperatingSystem.IsWindows() ? ("", ".dll") : OperatingSystem.IsMacOS() ? ("lib", ".dylib") : ("lib", ".so");
        return new[] { name, name + suffix, prefix + name + suffix, prefix + name, $"lib{name}.so", $"{name}.so", $"{name}.dll", $"lib{name}.dylib" }
            .Distinct(StringComparer.Ordinal);
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

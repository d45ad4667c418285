namespace Plugin.Host.Trust;

/// <summary>
/// The capabilities a plugin can declare (package.json <c>capabilities</c>) and the inspection reports, as the short names
/// the API, the UI and the author's <c>&lt;PluginCapabilities&gt;</c> use. "file system" means the code calls the file APIs at
/// all: whether it stays inside its data folder depends on run-time paths and cannot be decided by reading the IL.
/// </summary>
public static class Capabilities
{
    public const string ProcessStart = "process";
    public const string FileSystem = "filesystem";
    public const string Sockets = "sockets";
    public const string ReflectionEmit = "reflection-emit";
    public const string NativeLibraries = "native";

    public static readonly IReadOnlyList<string> All = [ProcessStart, FileSystem, Sockets, ReflectionEmit, NativeLibraries];

    private static readonly HashSet<string> FileTypes = new(StringComparer.Ordinal)
    {
        "System.IO.File", "System.IO.Directory", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.FileSystemInfo",
        "System.IO.FileStream", "System.IO.FileSystemWatcher", "System.IO.RandomAccess", "System.IO.DriveInfo",
    };

    /// <summary>The capability a call to <paramref name="type"/>::<paramref name="method"/> uses, or null.</summary>
    public static string? Of(string type, string method)
    {
        if (type == "System.Diagnostics.Process" && method == "Start" || type == "System.Diagnostics.ProcessStartInfo" && method == ".ctor")
            return ProcessStart;
        if (FileTypes.Contains(type))
            return FileSystem;
        if (type.StartsWith("System.Net.Sockets.", StringComparison.Ordinal))
            return Sockets;
        if (type.StartsWith("System.Reflection.Emit.", StringComparison.Ordinal))
            return ReflectionEmit;
        if (type == "System.Runtime.InteropServices.NativeLibrary" && (method == "Load" || method == "TryLoad"))
            return NativeLibraries;
        return null;
    }

    /// <summary>A declared name in the canonical form, or null when it is not one of <see cref="All"/>.</summary>
    public static string? Normalize(string name)
    {
        var trimmed = name.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("_", "-", StringComparison.Ordinal);
        return trimmed switch
        {
            "process" or "processstart" or "process-start" => ProcessStart,
            "filesystem" or "file-system" or "files" or "file" => FileSystem,
            "sockets" or "socket" or "raw-sockets" => Sockets,
            "reflection-emit" or "reflectionemit" or "emit" => ReflectionEmit,
            "native" or "native-libraries" or "nativelibraries" or "pinvoke" => NativeLibraries,
            _ => null,
        };
    }
}

namespace Plugin.Music.Runtime;

/// <summary>A plugin function failed: it threw, its promise rejected, or it returned something unusable.</summary>
public class MusicPluginException(string platform, string function, string message, string? pluginStack = null, Exception? inner = null)
    : Exception($"{platform}.{function}: {message}", inner)
{
    public string Platform { get; } = platform;
    public string Function { get; } = function;
    /// <summary>The JavaScript stack when the plugin threw an Error.</summary>
    public string? PluginStack { get; } = pluginStack;
}

/// <summary>A plugin call ran past its time, memory or recursion limit.</summary>
public sealed class MusicPluginLimitException(string platform, string function, string message, Exception? inner = null, bool timedOut = true)
    : MusicPluginException(platform, function, message, null, inner)
{
    /// <summary>True when the call ran out of time; false when it hit another limit (memory, recursion, statements),
    /// which is not a time-out and is answered differently.</summary>
    public bool TimedOut { get; } = timedOut;
}

/// <summary>The plugin's code could not be loaded (syntax error, no platform, throws at load, ...).</summary>
public sealed class MusicPluginLoadException(string source, string message, Exception? inner = null)
    : Exception($"Cannot load music plugin {source}: {message}", inner)
{
    public string Source2 { get; } = source;
}

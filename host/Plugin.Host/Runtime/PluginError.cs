namespace Plugin.Host.Runtime;

/// <summary>
/// What kind of failure a <see cref="PluginError"/> is. The runtime, loader and installer say only the kind; the REST
/// layer alone decides which HTTP status each kind becomes (<c>Api/ErrorFilter.cs</c>), so no layer below it knows HTTP.
/// </summary>
public enum PluginErrorKind
{
    /// <summary>No such plugin, version, dashboard, action or module (also: not on any feed).</summary>
    NotFound,
    /// <summary>The plugin is installed but has no running instance (failed to load, threw while starting, or unloaded).</summary>
    NotLoaded,
    /// <summary>The caller's input is malformed: a bad body, query value, version, id or config.</summary>
    Invalid,
    /// <summary>The operation is refused by the host's policy (e.g. above the market level).</summary>
    Forbidden,
    /// <summary>The operation does not fit the plugin's current state (e.g. it is not enabled).</summary>
    Conflict,
    /// <summary>Plugin code threw.</summary>
    PluginFailed,
    /// <summary>Plugin code ran past its time limit.</summary>
    TimedOut,
    /// <summary>Something the host needs is not there right now: no feed configured, a feed that fails or lost a
    /// package, a plugin that cannot answer its API.</summary>
    Unavailable,
    /// <summary>The package cannot run on this host: another SDK major or a newer minor, no compatible assembly, not a
    /// plugin package, dependencies that cannot be resolved.</summary>
    Incompatible,
    /// <summary>The package is damaged or unsafe: failed hash or CRC check, not a .NET assembly, a zip-slip entry, a
    /// missing assembly on disk.</summary>
    Corrupt,
    /// <summary>The caller sent more than the host accepts: a request body above <c>Host:Limits:MaxRequestBodyBytes</c>.</summary>
    TooLarge,
}

/// <summary>A refused or failed plugin operation; <see cref="Kind"/> says which, the message says why to a person.</summary>
public class PluginError(PluginErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public PluginErrorKind Kind { get; } = kind;

    /// <summary>The one "not installed" error, so every lookup of an unknown plugin answers alike.</summary>
    public static PluginError NotInstalled(string id) => new(PluginErrorKind.NotFound, $"Plugin {id} is not installed.");
}

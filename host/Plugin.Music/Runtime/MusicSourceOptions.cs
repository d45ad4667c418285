namespace Plugin.Music.Runtime;

/// <summary>
/// Settings of the music engine, given by the embedding host (<c>AddMusicSources(o => ...)</c>;
/// Plugin.Host maps <c>Host:DataDir</c>/music and the section <c>Music</c> into it). Limits apply to every call into a
/// JavaScript plugin.
/// </summary>
public sealed class MusicSourceOptions
{
    /// <summary>Where installed plugins, their settings and user variables are kept.</summary>
    public string DataDir { get; set; } = Path.Combine("data", "music");

    /// <summary>Where V8's code cache of the bundled libraries and of plugins is kept, by content hash, so a restart or a
    /// second host process does not parse them again. The host (AddMusicSources) defaults it to <c>&lt;DataDir&gt;/script-cache</c>;
    /// null or empty: in memory only (the CLI, engines built directly).</summary>
    public string? ScriptCacheDir { get; set; }

    internal string? ScriptCacheDirectory => string.IsNullOrEmpty(ScriptCacheDir) ? null : ScriptCacheDir;

    /// <summary>Wall-clock budget of one plugin call, its requests and timers included.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a search across sources waits for them (default: <see cref="CallTimeout"/>); sources that have not
    /// answered by then are listed as timed out and their calls given up.</summary>
    public TimeSpan? SearchTimeout { get; set; }

    /// <summary>Sources a search across sources calls at the same time (each off the request thread).</summary>
    public int SearchConcurrency { get; set; } = 8;

    /// <summary>Budget for evaluating a plugin's code (module.exports) when it is installed or loaded.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Memory a plugin may allocate during one call (the V8 isolate's monitored heap limit).</summary>
    public long MemoryLimitBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Deepest JavaScript call stack a plugin may build, in frames of at most 2 KiB: V8 gets RecursionLimit × 2 KiB of stack (at least 256 KiB).</summary>
    public int RecursionLimit { get; set; } = 400;

    /// <summary>Largest HTTP response body a plugin may receive through axios.</summary>
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Size of a downloaded plugin or subscription file.</summary>
    public long MaxPluginBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary><c>env.appVersion</c>.</summary>
    public string AppVersion { get; set; } = "0.5.0";

    /// <summary><c>env.os</c>.</summary>
    public string Os { get; set; } = "linux";

    /// <summary><c>env.lang</c>.</summary>
    public string Lang { get; set; } = "zh-CN";

    /// <summary>When the requested quality has no source: try the nearest one, preferring higher on ties.</summary>
    public bool PreferHigherQuality { get; set; } = true;

    /// <summary>Proxy for the plugins' requests and plugin downloads; null leaves the system's proxy settings.</summary>
    public Uri? Proxy { get; set; }

    /// <summary>User agent sent when a plugin's request names none; null sends none.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Longest one HTTP request may take, below <see cref="CallTimeout"/>; null keeps HttpClient's 100 s.</summary>
    public TimeSpan? HttpTimeout { get; set; }

    /// <summary>Entries kept by the getMediaSource cache (cacheControl cache / no-cache).</summary>
    public int MediaSourceCacheSize { get; set; } = 2000;
}

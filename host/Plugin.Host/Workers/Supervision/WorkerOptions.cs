using Microsoft.Extensions.Configuration;

namespace Plugin.Host.Workers.Supervision;

/// <summary>Where a plugin package runs.</summary>
public enum IsolationMode
{
    /// <summary>In the host's process, in its own collectible load context (the default).</summary>
    InProcess,
    /// <summary>In a worker process of its own: nothing it does can end the host.</summary>
    Process,
}

/// <summary>
/// The worker policy (<c>Host:Plugins:Workers:*</c>, seconds): restart backoff, the crash budget, and how a call past its
/// time limit is followed up. Defaults are the issue's: restart after 1, 2, 4 … s up to 30 s; more than 3 crashes in
/// 5 minutes and the plugin stays <c>Malfunctioned</c> until a user reloads or resets it; a call cancelled at its time
/// limit that has not ended 2 s later gets the worker pinged, and a worker that does not answer within 3 s, or answers
/// that the call still runs, is killed.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Host:Plugins:Workers";

    public double RestartDelaySeconds { get; set; } = 1;
    public double RestartDelayMaxSeconds { get; set; } = 30;
    public int MaxCrashes { get; set; } = 3;
    public double CrashWindowSeconds { get; set; } = 300;
    public double CancelGraceSeconds { get; set; } = 2;
    public double PingTimeoutSeconds { get; set; } = 3;
    /// <summary>Spawn, connect and load (the worker's own start-up, not the plugins' init, which has the lifecycle limit).</summary>
    public double StartTimeoutSeconds { get; set; } = 60;

    /// <summary>Extra environment variables of every worker (<c>Host:Plugins:Workers:Environment:NAME=value</c>), e.g.
    /// <c>DOTNET_GCHeapHardLimit</c>.</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);

    public static WorkerOptions From(IConfiguration configuration)
    {
        var options = new WorkerOptions();
        configuration.GetSection(Section).Bind(options);
        return options;
    }

    /// <summary>The delay before restart number <paramref name="crashes"/> (1-based) in the window: 1, 2, 4 … s, capped.</summary>
    public TimeSpan RestartDelay(int crashes) =>
        TimeSpan.FromSeconds(Math.Min(RestartDelaySeconds * Math.Pow(2, Math.Max(0, crashes - 1)), RestartDelayMaxSeconds));
}

/// <summary>
/// Which packages run in a worker: <c>Host:Plugins:Isolation</c> (<c>InProcess</c>, the default, or <c>Process</c>).
/// The one question the loader and the trust checks ask; a per-plugin choice answers here too.
/// </summary>
public class IsolationPolicy(IConfiguration configuration)
{
    public const string Key = "Host:Plugins:Isolation";

    /// <summary>The host-wide mode.</summary>
    public IsolationMode Default => Enum.TryParse<IsolationMode>(configuration[Key], ignoreCase: true, out var mode) ? mode : IsolationMode.InProcess;

    /// <summary>Where the package (or plugin) <paramref name="pluginId"/> runs.</summary>
    public virtual IsolationMode ModeFor(string pluginId) => Default;
}

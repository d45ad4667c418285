using Microsoft.Extensions.Configuration;

namespace Plugin.Host.Workers.Supervision;

/// <summary>
/// The worker policy (<c>Host:Plugins:Worker:*</c>, seconds): restart backoff, the crash budget, and how a call past its
/// time limit is followed up. Defaults are the issue's: restart after 1, 2, 4 … s up to 30 s; more than 3 crashes in
/// 5 minutes and the plugin stays <c>Malfunctioned</c> until a user reloads or resets it; a call cancelled at its time
/// limit that has not ended 2 s later gets the worker pinged, and a worker that does not answer within 3 s, or answers
/// that the call still runs, is killed.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Host:Plugins:Worker";

    public double RestartDelaySeconds { get; set; } = 1;
    public double RestartDelayMaxSeconds { get; set; } = 30;
    public int MaxCrashes { get; set; } = 3;
    public double CrashWindowSeconds { get; set; } = 300;
    public double CancelGraceSeconds { get; set; } = 2;
    public double PingTimeoutSeconds { get; set; } = 3;
    /// <summary>Spawn, connect and load (the worker's own start-up, not the plugins' init, which has the lifecycle limit).</summary>
    public double StartTimeoutSeconds { get; set; } = 60;

    /// <summary>Extra environment variables of every worker (<c>Host:Plugins:Worker:Environment:NAME=value</c>). A
    /// <c>DOTNET_GCHeapHardLimit</c> given here is kept over the one <c>MemoryLimitMb</c> sets.</summary>
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

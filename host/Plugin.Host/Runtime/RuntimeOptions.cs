namespace Plugin.Host.Runtime;

/// <summary>
/// Time limits for calls into plugin code (<c>Host:Runtime:*</c>, seconds). Chain events whose type sets its own limit
/// (<see cref="Plugin.Sdk.EventTypes.TimeLimit"/>: 15 s for name recognition) use that one.
/// </summary>
public sealed class RuntimeOptions
{
    public const string Section = "Host:Runtime";

    /// <summary>Plugin API calls, commands, message actions, workflow actions, dashboards, pages, module overrides.</summary>
    public double CallTimeoutSeconds { get; set; } = 60;

    /// <summary><c>InitializeAsync</c> and <c>StopAsync</c>.</summary>
    public double LifecycleTimeoutSeconds { get; set; } = 30;

    /// <summary>Each broadcast event handler.</summary>
    public double EventTimeoutSeconds { get; set; } = 120;

    /// <summary>Each chain event handler, unless the event type sets its own limit.</summary>
    public double ChainTimeoutSeconds { get; set; } = 30;

    /// <summary>A scheduled service run (0 = no limit: services may legitimately run for hours).</summary>
    public double ServiceTimeoutSeconds { get; set; }

    /// <summary>Broadcast handlers running at once; a hanging handler holds one slot until its time limit.</summary>
    public int EventConcurrency { get; set; } = 32;

    public static TimeSpan Limit(double seconds) => seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
}

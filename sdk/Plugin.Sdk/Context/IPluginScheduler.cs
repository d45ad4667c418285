namespace Plugin.Sdk;

/// <summary>
/// Jobs a plugin schedules while it runs — MoviePilot's <c>scheduler.add_job(...)</c>, e.g. the "run once now" switch
/// (<c>trigger="date", run_date=now+3s</c>) or a crontab the plugin works out at run time. Declared services
/// (<c>[Service]</c>) stay the way to schedule what is known at build time.
/// </summary>
/// <remarks>
/// Jobs run like services: through the host's time limit for services, one run at a time (a run due while the previous
/// one still runs is skipped), listed with the services (<c>GET /api/v1/plugin/services</c>, <c>"kind": "runtime"</c>).
/// They live only as long as the plugin instance: every job is cancelled when the plugin stops (config save, reload,
/// update, uninstall, host shutdown) or is disabled, so a plugin schedules them again in its <c>OnInitAsync</c>.
/// A one-off job is removed once it has run. Crontabs are read in the host's time zone (<see cref="IHostInfo.TimeZone"/>).
/// </remarks>
public interface IPluginScheduler
{
    /// <summary>
    /// Schedules <paramref name="run"/> as job <paramref name="name"/>, replacing a job of that name. Returns when it
    /// runs first (null when a crontab has no next occurrence).
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or one of the plugin's declared service ids, or the crontab is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative delay, or an interval under one second.</exception>
    /// <exception cref="InvalidOperationException">The plugin is not running (stopped or disabled).</exception>
    Task<DateTimeOffset?> ScheduleAsync(string name, JobTrigger trigger, Func<CancellationToken, Task> run,
        CancellationToken cancellationToken = default);

    /// <summary>Cancels job <paramref name="name"/> (a run already under way finishes); false when there is none.</summary>
    Task<bool> CancelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The plugin's scheduled jobs, by name.</summary>
    IReadOnlyList<ScheduledJob> Jobs { get; }
}

/// <summary>What kind of <see cref="JobTrigger"/>.</summary>
public enum JobTriggerKind
{
    /// <summary>Once, at a time (<see cref="JobTrigger.At"/>).</summary>
    At,

    /// <summary>Once, after a delay from when it was scheduled (<see cref="JobTrigger.After"/>).</summary>
    After,

    /// <summary>At each occurrence of a crontab, in the host's time zone (<see cref="JobTrigger.Cron"/>).</summary>
    Cron,

    /// <summary>Again and again, an interval apart; first one interval after it was scheduled (<see cref="JobTrigger.Every"/>).</summary>
    Every,
}

/// <summary>When a run-time job runs: <c>JobTrigger.After(TimeSpan.FromSeconds(3))</c>, <c>JobTrigger.Cron("0 8 * * *")</c>, ...</summary>
public sealed class JobTrigger
{
    private JobTrigger(JobTriggerKind kind, DateTimeOffset? time = null, TimeSpan? span = null, string? crontab = null)
    {
        Kind = kind;
        Time = time;
        Span = span;
        Crontab = crontab;
    }

    /// <summary>The kind of trigger.</summary>
    public JobTriggerKind Kind { get; }

    /// <summary>The time of an <see cref="JobTriggerKind.At"/> trigger.</summary>
    public DateTimeOffset? Time { get; }

    /// <summary>The delay of an <see cref="JobTriggerKind.After"/> trigger, the interval of an <see cref="JobTriggerKind.Every"/> one.</summary>
    public TimeSpan? Span { get; }

    /// <summary>The crontab of a <see cref="JobTriggerKind.Cron"/> trigger (5 fields, or 6 with leading seconds).</summary>
    public string? Crontab { get; }

    /// <summary>Once at <paramref name="time"/> (at once when it has passed): MoviePilot's <c>trigger="date", run_date=...</c>.</summary>
    public static JobTrigger At(DateTimeOffset time) => new(JobTriggerKind.At, time: time);

    /// <summary>Once, <paramref name="delay"/> from now (zero: at once).</summary>
    public static JobTrigger After(TimeSpan delay) =>
        delay < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(delay), "A delay cannot be negative.") : new(JobTriggerKind.After, span: delay);

    /// <summary>At each occurrence of <paramref name="crontab"/> in the host's time zone: MoviePilot's <c>CronTrigger.from_crontab(...)</c>.</summary>
    public static JobTrigger Cron(string crontab)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(crontab);
        return new(JobTriggerKind.Cron, crontab: crontab.Trim());
    }

    /// <summary>Every <paramref name="interval"/> (at least a second): MoviePilot's <c>trigger="interval"</c>.</summary>
    public static JobTrigger Every(TimeSpan interval) =>
        interval < TimeSpan.FromSeconds(1)
            ? throw new ArgumentOutOfRangeException(nameof(interval), "An interval must be at least one second.")
            : new(JobTriggerKind.Every, span: interval);

    /// <summary>As the services list shows it: <c>date: ...</c>, <c>cron: ...</c>, <c>interval: 30s</c>.</summary>
    public override string ToString() => Kind switch
    {
        JobTriggerKind.At => $"date: {Time:O}",
        JobTriggerKind.After => $"date: after {Span!.Value.TotalSeconds:0.###}s",
        JobTriggerKind.Cron => $"cron: {Crontab}",
        _ => $"interval: {Span!.Value.TotalSeconds:0.###}s",
    };
}

/// <summary>A job a plugin scheduled (<see cref="IPluginScheduler.Jobs"/>).</summary>
public sealed class ScheduledJob
{
    /// <summary>A job named <paramref name="name"/> with <paramref name="trigger"/>.</summary>
    public ScheduledJob(string name, JobTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(trigger);
        Name = name;
        Trigger = trigger;
    }

    /// <summary>The name the plugin gave it (its id in the services list).</summary>
    public string Name { get; }

    /// <summary>When it runs.</summary>
    public JobTrigger Trigger { get; }
}

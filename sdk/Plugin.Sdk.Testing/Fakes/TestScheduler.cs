namespace Plugin.Sdk.Testing;

/// <summary>
/// <c>Context.Scheduler</c> in memory, with the host's rules: a job replaces one of the same name, a declared service's
/// id is refused as a name, a one-off job is removed once it has run, every job is cancelled when the plugin stops or
/// turns out disabled, and scheduling is refused while it is stopped. Nothing runs by itself: a test runs a job by name
/// (<see cref="RunJobAsync"/>) or moves <see cref="ManualTimeProvider"/> and runs what is due (<see cref="RunDueJobsAsync"/>).
/// Crontabs are checked for their field count only and never come due by the clock (run them by name); the host checks them fully.
/// </summary>
public sealed class TestScheduler : IPluginScheduler
{
    private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly ManualTimeProvider _time;
    private readonly Func<TimeZoneInfo> _zone;

    private sealed record Job(ScheduledJob Scheduled, Func<CancellationToken, Task> Run, DateTimeOffset? Due);

    /// <summary>A scheduler on <paramref name="time"/>; dates it returns carry the offset of <paramref name="zone"/> (UTC when null).</summary>
    public TestScheduler(ManualTimeProvider time, Func<TimeZoneInfo>? zone = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _zone = zone ?? (() => TimeZoneInfo.Utc);
    }

    /// <summary>Names a job may not take: the plugin's declared service ids (the harness fills it).</summary>
    public ISet<string> ReservedNames { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the plugin may schedule now (false after it stopped, as in the host).</summary>
    public bool Accepting { get; set; } = true;

    /// <inheritdoc/>
    public IReadOnlyList<ScheduledJob> Jobs
    {
        get
        {
            lock (_gate) return [.. _jobs.Values.Select(j => j.Scheduled).OrderBy(j => j.Name, StringComparer.Ordinal)];
        }
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset?> ScheduleAsync(string name, JobTrigger trigger, Func<CancellationToken, Task> run,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(run);
        if (name.Length > 200) throw new ArgumentException("A job name has at most 200 characters.", nameof(name));
        if (ReservedNames.Contains(name))
            throw new ArgumentException($"'{name}' is a declared service of the plugin; give the job another name.", nameof(name));
        if (trigger.Kind == JobTriggerKind.Cron && trigger.Crontab!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
            throw new ArgumentException($"A crontab needs 5 fields (minute hour day month weekday); got '{trigger.Crontab}'.", nameof(trigger));
        var now = _time.GetUtcNow();
        DateTimeOffset? due = trigger.Kind switch
        {
            JobTriggerKind.At => trigger.Time!.Value < now ? now : trigger.Time!.Value,
            JobTriggerKind.After or JobTriggerKind.Every => now + trigger.Span!.Value,
            _ => null,
        };
        lock (_gate)
        {
            if (!Accepting) throw new InvalidOperationException("The plugin is not running: jobs can be scheduled only while it starts or runs.");
            _jobs[name] = new Job(new ScheduledJob(name, trigger), run, due);
        }
        return Task.FromResult(due is { } at ? TimeZoneInfo.ConvertTime(at, _zone()) : (DateTimeOffset?)null);
    }

    /// <inheritdoc/>
    public Task<bool> CancelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate) return Task.FromResult(_jobs.Remove(name));
    }

    /// <summary>When job <paramref name="name"/> comes due by the clock (null for a crontab); throws when there is no such job.</summary>
    public DateTimeOffset? NextRun(string name)
    {
        lock (_gate) return Find(name).Due;
    }

    /// <summary>Runs job <paramref name="name"/> now, as its trigger would; a one-off job is removed after it ran.</summary>
    public async Task RunJobAsync(string name, CancellationToken cancellationToken = default)
    {
        Job job;
        lock (_gate) job = Find(name);
        await RunAsync(job, cancellationToken);
    }

    /// <summary>Runs, once each, the jobs due by the clock; an interval job's next run is then one interval after the
    /// latest one that passed (missed runs are not caught up, as in the host). Returns how many ran.</summary>
    public async Task<int> RunDueJobsAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        List<Job> due;
        lock (_gate) due = [.. _jobs.Values.Where(j => j.Due <= now).OrderBy(j => j.Due)];
        foreach (var job in due)
            await RunAsync(job, cancellationToken);
        return due.Count;
    }

    /// <summary>Cancels every job (the plugin stopped).</summary>
    public void CancelAll()
    {
        lock (_gate) _jobs.Clear();
    }

    private async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        var name = job.Scheduled.Name;
        var trigger = job.Scheduled.Trigger;
        lock (_gate)
        {
            if (_jobs.TryGetValue(name, out var current) && ReferenceEquals(current, job))
            {
                if (trigger.Kind is JobTriggerKind.At or JobTriggerKind.After)
                    _jobs.Remove(name);
                else if (trigger.Kind == JobTriggerKind.Every && job.Due is { } last)
                {
                    var now = _time.GetUtcNow();
                    var next = last + trigger.Span!.Value;
                    while (next <= now) next += trigger.Span!.Value;
                    _jobs[name] = job with { Due = next };
                }
            }
        }
        await job.Run(cancellationToken);
    }

    private Job Find(string name) => _jobs.TryGetValue(name, out var job) ? job : throw new InvalidOperationException(
        $"No job {name} is scheduled; there are: {(_jobs.Count == 0 ? "none" : string.Join(", ", _jobs.Keys.Order(StringComparer.Ordinal)))}.");
}

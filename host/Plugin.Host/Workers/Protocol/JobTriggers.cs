using Plugin.Sdk;

namespace Plugin.Host.Workers.Protocol;

/// <summary>A <see cref="JobTrigger"/> to and from its wire form (<see cref="JobTriggerMessage"/>), through the SDK's own
/// factories so that the host checks a trigger from a worker exactly as one from an in-process plugin.</summary>
public static class JobTriggers
{
    public static JobTriggerMessage Write(JobTrigger trigger) =>
        new(trigger.Kind.ToString(), trigger.Time, trigger.Span, trigger.Crontab);

    public static JobTrigger Read(JobTriggerMessage message) =>
        Enum.TryParse<JobTriggerKind>(message.Kind, ignoreCase: true, out var kind)
            ? kind switch
            {
                JobTriggerKind.At => JobTrigger.At(message.Time ?? throw Missing("time")),
                JobTriggerKind.After => JobTrigger.After(message.Span ?? throw Missing("span")),
                JobTriggerKind.Every => JobTrigger.Every(message.Span ?? throw Missing("span")),
                _ => JobTrigger.Cron(message.Crontab ?? throw Missing("crontab")),
            }
            : throw new ArgumentException($"Unknown job trigger kind '{message.Kind}'.", nameof(message));

    private static ArgumentException Missing(string what) => new($"A job trigger of this kind needs its {what}.", nameof(JobTriggerMessage));
}

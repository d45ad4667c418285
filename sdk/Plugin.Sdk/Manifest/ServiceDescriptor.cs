using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A scheduled service (<c>[Service]</c>). For <see cref="ServiceTriggerKind.ConfigCron"/>, <see cref="ReadCron"/> reads the crontab from the plugin's current config (the host reschedules when the config is saved).</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ServiceDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public ServiceDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public ServiceDescriptor(string Id, string Name, ServiceTriggerKind Trigger, string? Cron, int IntervalSeconds, string? Date, Func<IPlugin, CancellationToken, ValueTask> Invoke)
    {
        this.Id = Id;
        this.Name = Name;
        this.Trigger = Trigger;
        this.Cron = Cron;
        this.IntervalSeconds = IntervalSeconds;
        this.Date = Date;
        this.Invoke = Invoke;
    }

    /// <summary>The service id, unique across the host (shown in <c>/api/v1/plugin/services</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The service's display name.</summary>
    public required string Name { get; init; }

    /// <summary>What starts the service.</summary>
    public ServiceTriggerKind Trigger { get; init; }

    /// <summary>The 5-field crontab for <see cref="ServiceTriggerKind.Cron"/>.</summary>
    public string? Cron { get; init; }

    /// <summary>The period for <see cref="ServiceTriggerKind.Interval"/>.</summary>
    public int IntervalSeconds { get; init; }

    /// <summary>The ISO 8601 date and time for <see cref="ServiceTriggerKind.Date"/>.</summary>
    public string? Date { get; init; }

    /// <summary>Runs the service on the plugin instance.</summary>
    public required Func<IPlugin, CancellationToken, ValueTask> Invoke { get; init; }

    /// <summary>The config property holding the crontab, for <see cref="ServiceTriggerKind.ConfigCron"/>.</summary>
    public string? CronFrom { get; init; }

    /// <summary>Reads the crontab from the plugin's current config, for <see cref="ServiceTriggerKind.ConfigCron"/>.</summary>
    public Func<IPlugin, string?>? ReadCron { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Id, out string Name, out ServiceTriggerKind Trigger, out string? Cron, out int IntervalSeconds, out string? Date, out Func<IPlugin, CancellationToken, ValueTask> Invoke)
    {
        Id = this.Id;
        Name = this.Name;
        Trigger = this.Trigger;
        Cron = this.Cron;
        IntervalSeconds = this.IntervalSeconds;
        Date = this.Date;
        Invoke = this.Invoke;
    }
}

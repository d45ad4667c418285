using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Plugin.Host.Api;

namespace Plugin.Host.Dev;

/// <summary>One build of the watched project as the terminal, <c>GET /api/v1/dev</c> and the web UI see it.</summary>
public sealed record DevBuildReport(
    bool Succeeded,
    string Version,
    IReadOnlyList<string> PluginIds,
    int Errors,
    int Warnings,
    IReadOnlyList<string> Diagnostics,
    double BuildSeconds,
    double? SwapSeconds,
    double TotalSeconds,
    DateTimeOffset At,
    string? Error);

/// <summary>Dev mode's state: <c>GET /api/v1/dev</c> answers it.</summary>
public sealed record DevStatus(
    string Project,
    string? PackageId,
    string? RunningVersion,
    int ProcessId,
    string State,
    DevBuildReport? Last);

/// <summary>
/// The dev loop's state and its broadcast to the open web UIs (<c>GET /api/v1/dev/events</c>, server-sent events):
/// <c>status</c> when a UI connects, <c>building</c> on a save, then <c>swapped</c> (reload the plugin's views) or
/// <c>failed</c> (the old version still runs). Each event's data is the <see cref="DevStatus"/> as JSON.
/// </summary>
public sealed class DevEvents
{
    public const string Building = "building";
    public const string Swapped = "swapped";
    public const string Failed = "failed";
    public const string Status = "status";

    private readonly Lock _gate = new();
    private readonly List<Channel<SseItem<string>>> _subscribers = [];
    private DevStatus _status;

    public DevEvents(string project) => _status = new DevStatus(project, null, null, Environment.ProcessId, "starting", null);

    public DevStatus Current
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Sets the state and tells every connected UI (<paramref name="eventType"/>: one of the constants above).</summary>
    public void Publish(string eventType, Func<DevStatus, DevStatus> change)
    {
        lock (_gate)
        {
            _status = change(_status);
            var item = new SseItem<string>(JsonSerializer.Serialize(_status, HostJson.Options), eventType);
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(item);
        }
    }

    /// <summary>The events from now until the caller goes away, the current status first.</summary>
    public async IAsyncEnumerable<SseItem<string>> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A slow or stalled UI loses its oldest events rather than holding memory: only the latest state matters.
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(new SseItem<string>(JsonSerializer.Serialize(_status, HostJson.Options), Status));
            _subscribers.Add(channel);
        }
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
                yield return item;
        }
        finally
        {
            lock (_gate) _subscribers.Remove(channel);
        }
    }
}

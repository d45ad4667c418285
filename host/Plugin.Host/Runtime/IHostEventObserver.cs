using Plugin.Sdk;

namespace Plugin.Host.Runtime;

/// <summary>A part of the host that sees every broadcast event before the plugins' handlers (the records,
/// <see cref="HostRecordBook"/>: awaited first, so a handler finds the record of its own event, as MoviePilot writes its
/// history before sending the event). Its failures are its own: the dispatcher goes on.</summary>
public interface IHostEventObserver
{
    /// <summary>Sees <paramref name="events"/>, in the order they were published: every event the dispatcher took off its
    /// queue at once (one when it keeps up, up to <see cref="EventDispatcher.MaxBatch"/> in a flood), so an observer that
    /// writes can write them together. No handler of these events runs before this returns.</summary>
    ValueTask ObserveAsync(IReadOnlyList<HostEvent> events, CancellationToken cancellationToken);
}

/// <summary>A broadcast event as published: its type, data and who raised it (<c>api</c>, a plugin id, or none).</summary>
public sealed record HostEvent(EventType Type, EventData Data, string? Sender);

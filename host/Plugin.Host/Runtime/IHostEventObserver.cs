using Plugin.Sdk;

namespace Plugin.Host.Runtime;

/// <summary>A part of the host that sees every broadcast event before the plugins' handlers (the records,
/// <see cref="HostRecordBook"/>: awaited first, so a handler finds the record of its own event, as MoviePilot writes its
/// history before sending the event). Its failures are its own: the dispatcher goes on.</summary>
public interface IHostEventObserver
{
    ValueTask ObserveAsync(EventType type, EventData data, string? sender, CancellationToken cancellationToken);
}

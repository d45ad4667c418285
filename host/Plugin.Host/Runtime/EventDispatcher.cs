using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// Broadcast events go through one channel: publishing only queues (the seed's <c>send_event</c> returns at once), a
/// single reader takes what is queued (up to <see cref="MaxBatch"/> events), lets the host's observers record them
/// together, then hands every handler of every enabled plugin its own isolated call; a bounded number of calls run
/// at once so a flood or a hanging handler cannot starve the host. Chain events run inline, in priority order, on one
/// shared data object, with a time limit per handler.
/// With an <see cref="IEventTransport"/> (several hosts, <c>Host:Redis</c>) a broadcast event goes to the transport
/// instead, which hands it to each handler on one of the hosts running it (<see cref="HandleAsync"/>); chain events stay
/// on the host that raised them, since they return a value to their caller.
/// </summary>
public sealed class EventDispatcher(
    PluginCatalog catalog,
    PluginInvoker invoker,
    IOptions<RuntimeOptions> options,
    IEnumerable<IHostEventObserver>? observers = null,
    IEventTransport? transport = null) : BackgroundService
{
    private readonly IHostEventObserver[] _observers = observers?.ToArray() ?? [];
    private readonly Channel<HostEvent> _queue = Channel.CreateUnbounded<HostEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.EventConcurrency));
    private long _published, _handlerRuns, _handlerFailures, _pending;

    /// <summary>Events queued so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Handler calls finished (successfully or not).</summary>
    public long HandlerRuns => Interlocked.Read(ref _handlerRuns);

    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Events queued or handler calls in flight.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public ValueTask PublishAsync(EventType type, EventData data, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Interlocked.Increment(ref _published);
        Interlocked.Increment(ref _pending);
        return _queue.Writer.WriteAsync(new HostEvent(type, data, source), cancellationToken);
    }

    /// <summary>Most events taken off the queue at once: their records are written in one transaction before any of their
    /// handlers starts. The reader takes what is queued, so one event waits for no other when the dispatcher keeps up;
    /// in a flood, one commit (a wait for the disk) serves this many events instead of one each.</summary>
    public const int MaxBatch = 512;

    /// <summary>The reader's loop, two stages deep: while the handlers of one batch start, the next batch is recorded on
    /// another thread. A batch's handlers start only once its records are committed (a handler finds the record of its own
    /// event), and a batch is recorded only once the one before it is (records keep the order of the events).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        List<HostEvent>? recorded = null, next = null;
        var recording = Task.CompletedTask;
        try
        {
            while (recorded is not null || await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                stoppingToken.ThrowIfCancellationRequested();
                next = new List<HostEvent>();
                while (next.Count < MaxBatch && _queue.Reader.TryRead(out var taken))
                    next.Add(taken);
                // Not cancelled by the stop: events taken off the queue are recorded (the loop ends after this batch).
                var taking = next;
                recording = taking.Count == 0 ? Task.CompletedTask : Task.Run(() => ObserveAsync(taking));
                if (recorded is not null)
                    await DispatchAsync(recorded, stoppingToken);
                await recording;
                (recorded, next) = (next.Count == 0 ? null : next, null);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Events taken and not dispatched: recorded (the write is not abandoned half-way), no longer pending.
            await recording;
            Interlocked.Add(ref _pending, -((recorded?.Count ?? 0) + (next?.Count ?? 0)));
            await RecordLeftAsync();
        }
    }

    /// <summary>At a stop, the events still queued are recorded but not handled: their handlers would run on a host that is
    /// going away (as before the records), while a record is a fact the history keeps (a transfer that completed, which the
    /// caller of <see cref="PublishAsync"/> was told was taken).</summary>
    private async Task RecordLeftAsync()
    {
        var left = new List<HostEvent>(MaxBatch);
        while (true)
        {
            while (left.Count < MaxBatch && _queue.Reader.TryRead(out var queued))
                left.Add(queued);
            if (left.Count == 0)
                return;
            await ObserveAsync(left);
            Interlocked.Add(ref _pending, -left.Count);
            left.Clear();
        }
    }

    /// <summary>The host's own observers (its records) see every event first, whether or not a plugin handles it.</summary>
    private async Task ObserveAsync(List<HostEvent> batch)
    {
        foreach (var observer in _observers)
            await observer.ObserveAsync(batch, CancellationToken.None);
    }

    /// <summary>Dispatches a recorded batch in order; every event of it stops counting as pending, dispatched or not.</summary>
    private async Task DispatchAsync(List<HostEvent> batch, CancellationToken stoppingToken)
    {
        var dispatched = 0;
        try
        {
            while (dispatched < batch.Count)
            {
                var queued = batch[dispatched++];
                try
                {
                    await DispatchAsync(queued, stoppingToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        finally
        {
            Interlocked.Add(ref _pending, dispatched - batch.Count);
            batch.Clear();
        }
    }

    /// <summary>Hands a recorded event to the transport, or starts each handler of this host's active plugins in a slot.</summary>
    private async Task DispatchAsync(HostEvent queued, CancellationToken stoppingToken)
    {
        // A transport that cannot take the event (Redis unreachable) leaves it to this host's handlers.
        if (transport is not null && await transport.SendAsync(queued.Type, queued.Data, queued.Sender, stoppingToken))
            return;
        var evt = new PluginEvent(queued.Type, queued.Data);
        foreach (var entry in catalog.Active)
        {
            if (entry is not { Instance: { } instance, Descriptor: { } descriptor })
                continue;
            foreach (var handler in descriptor.EventHandlers)
            {
                if (handler.EventType != queued.Type)
                    continue;
                await _slots.WaitAsync(stoppingToken);
                Interlocked.Increment(ref _pending);
                _ = RunHandlerAsync(entry.Id, instance, handler, evt, stoppingToken);
            }
        }
    }

    /// <summary>Free handler slots: a transport takes no more events at once than this (an event it takes but cannot
    /// start at once would wait in this host while another host could have run it).</summary>
    public int FreeSlots => _slots.CurrentCount;

    /// <summary>Runs one handler for an event the transport delivered, in a handler slot, with the handler time limit;
    /// completes when the handler has run (failures are logged and counted, never thrown).</summary>
    public async Task HandleAsync(PluginEntry entry, EventHandlerDescriptor handler, PluginEvent evt, CancellationToken cancellationToken)
    {
        if (entry.Instance is not { } instance)
            return;
        await _slots.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _pending);
        await RunHandlerAsync(entry.Id, instance, handler, evt, cancellationToken);
    }

    private async Task RunHandlerAsync(string pluginId, IPlugin instance, EventHandlerDescriptor handler,
        PluginEvent evt, CancellationToken stoppingToken)
    {
        try
        {
            await invoker.InvokeAsync(pluginId, $"event handler {handler.Method} ({EventTypes.WireName(evt.Type)})",
                RuntimeOptions.Limit(options.Value.EventTimeoutSeconds), ct => handler.Invoke(instance, evt, ct), stoppingToken);
        }
        catch (Exception)
        {
            // Already logged with the plugin id by the invoker; one handler's failure never reaches the others.
            Interlocked.Increment(ref _handlerFailures);
        }
        finally
        {
            Interlocked.Increment(ref _handlerRuns);
            Interlocked.Decrement(ref _pending);
            _slots.Release();
        }
    }

    /// <summary>Runs a chain event and returns the shared data (what <see cref="IEventPublisher.SendChainAsync"/> promises).</summary>
    public async Task<T> SendChainAsync<T>(ChainEventType type, T data, CancellationToken cancellationToken = default) where T : ChainEventData =>
        (T)(await RunChainAsync(type, data, cancellationToken)).Data;

    /// <summary>Runs a chain event in the order <see cref="ChainPlan"/> lays down: every enabled plugin's declared sources
    /// and storage providers first, then every handler by priority (lower first; ties keep plugin order). Each step is a
    /// call into plugin code (a filter UI or a storage factory is plugin code too), so each goes through the invoker with
    /// the chain's time limit. Failures and time-outs are reported, never thrown.</summary>
    public async Task<ChainOutcome> RunChainAsync(ChainEventType type, ChainEventData data, CancellationToken cancellationToken = default)
    {
        var participants = catalog.Active
            .Where(e => e is { Descriptor: not null, Instance: not null })
            .Select(e => new ChainParticipant(e.Id, e.Descriptor!, e.Instance!));
        var plan = ChainPlan.Create(type, data, participants);
        var limit = EventTypes.TimeLimit(type) ?? RuntimeOptions.Limit(options.Value.ChainTimeoutSeconds);
        var evt = new PluginChainEvent(type, data);
        var ran = new List<string>();
        var errors = new List<string>();
        foreach (var step in plan.Steps)
        {
            try
            {
                var contribution = await invoker.InvokeAsync(step.Participant.PluginId, step.Operation, limit,
                    ct => step.RunAsync(evt, ct), cancellationToken);
                // Applied here, after the call returned in time: an abandoned call cannot reach the shared data.
                contribution?.ApplyTo(data);
                if (step.Handler is { } handler)
                    ran.Add($"{step.Participant.PluginId}.{handler.Method}");
            }
            catch (PluginCallException e)
            {
                errors.Add(e.Message);
            }
        }
        return new ChainOutcome(data, ran, errors);
    }

    /// <summary>MoviePilot's source <c>api_path</c> is relative to <c>api/v1/</c>: <c>plugin/&lt;Id&gt;/&lt;path&gt;</c>.</summary>
    public static string PluginApiPath(string pluginId, string apiPath) => ChainContribution.SourceApiPath(pluginId, apiPath);
}

/// <summary>Carries broadcast events to the handlers of every host (<c>Cluster/Redis</c>); absent on a single host.</summary>
public interface IEventTransport
{
    /// <summary>Hands the event over for delivery; false when it could not (the raising host then runs its own handlers).</summary>
    ValueTask<bool> SendAsync(EventType type, EventData data, string? source, CancellationToken cancellationToken);
}

/// <summary>What a chain event run produced: the shared data, the handlers that ran, and the errors of those that did not.</summary>
public sealed record ChainOutcome(ChainEventData Data, IReadOnlyList<string> Ran, IReadOnlyList<string> Errors);

using System.Text.Json;
using Plugin.Host.Runtime;
using Plugin.Sdk;
using StackExchange.Redis;

namespace Plugin.Host.Cluster.Redis;

/// <summary>
/// Where broadcast events live in Redis: one stream per event type (<c>{prefix}events:{wire name}</c>, e.g.
/// <c>plugin-host:events:transfer.complete</c>), one consumer group per handler (<c>{plugin id}/{handler method}</c>) on
/// the stream of its event type, each host a consumer named by its <see cref="RedisCluster.HostId"/>. A group hands each
/// entry to one consumer: every handler runs once per event, on one of the hosts that run its plugin.
/// </summary>
internal static class EventStreams
{
    public const string TypeField = "type";
    public const string DataField = "data";
    public const string SourceField = "source";
    public const string HostField = "host";

    /// <summary>Notification channel: the wire name of a type that just got an entry (readers wake up at once).</summary>
    public const string Channel = "events";

    public static string StreamKey(RedisCluster cluster, EventType type) => cluster.Key("events:" + EventTypes.WireName(type));

    public static string GroupName(string pluginId, string handlerMethod) => pluginId + "/" + handlerMethod;
}

/// <summary>The sending half: a raised event becomes an entry of its type's stream (see <see cref="EventStreams"/>).</summary>
internal sealed class RedisEventTransport(RedisCluster cluster, ILogger<RedisEventTransport> logger) : IEventTransport
{
    public async ValueTask<bool> SendAsync(EventType type, EventData data, string? source, CancellationToken cancellationToken)
    {
        try
        {
            var json = JsonSerializer.Serialize(data, data.GetType(), PluginJson.Options);
            var wire = EventTypes.WireName(type);
            await cluster.Database.StreamAddAsync(EventStreams.StreamKey(cluster, type),
            [
                new NameValueEntry(EventStreams.TypeField, wire),
                new NameValueEntry(EventStreams.DataField, json),
                new NameValueEntry(EventStreams.SourceField, source ?? ""),
                new NameValueEntry(EventStreams.HostField, cluster.HostId),
            ], maxLength: Math.Max(100, cluster.Options.EventStreamLength), useApproximateMaxLength: true);
            await cluster.Subscriber.PublishAsync(cluster.Channel(EventStreams.Channel), wire, CommandFlags.FireAndForget);
            return true;
        }
        catch (Exception e) when (RedisFailure.Is(e))
        {
            logger.LogWarning(e, "Redis did not take event {Type}: this host's handlers run it", type);
            return false;
        }
    }
}

/// <summary>
/// The receiving half: joins the group of every handler of this host's active plugins, reads new entries (woken by the
/// notification channel, or by a poll when a notification is lost), runs each handler through
/// <see cref="EventDispatcher.HandleAsync"/> and acknowledges the entry (XACK) once the handler has run. Entries taken
/// by a host that died (its liveness key expired) are claimed (XCLAIM) and run here; so are entries a live host has held
/// for longer than a handler may run. A handler's failure is acknowledged like a success: no retries, as on one host.
/// </summary>
internal sealed class RedisEventConsumer(RedisCluster cluster, PluginCatalog catalog, EventDispatcher dispatcher,
    Microsoft.Extensions.Options.IOptions<RuntimeOptions> runtime, ILogger<RedisEventConsumer> logger)
    : BackgroundService, IPluginLifecycleListener
{
    // Joins a handler's group. A group nobody reads right now (no consumer on a live host; this host counts when it is
    // still a consumer, e.g. its plugin was reloaded) is moved to the end of the stream first: a handler gets the events
    // raised while some host runs it, not those raised while it ran nowhere (as on one host, where a disabled plugin
    // misses events). Entries a dead host had taken stay pending and are claimed. Atomic, so two hosts joining at once
    // cannot both skip what the other just read.
    private const string JoinScript = """
        local created = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '$', 'MKSTREAM')
        if type(created) == 'table' and created.err then
          local live = false
          for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
            local name
            for i = 1, #c, 2 do if c[i] == 'name' then name = c[i + 1] end end
            if name == ARGV[2] or redis.call('EXISTS', ARGV[3] .. name) == 1 then live = true end
          end
          if not live then redis.call('XGROUP', 'SETID', KEYS[1], ARGV[1], '$') end
        end
        redis.call('XGROUP', 'CREATECONSUMER', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    private const int Batch = 16;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Subscription> _joined = new();
    // Joining and leaving happen on the loop and in PluginStartedAsync: one at a time, so a group is joined once.
    private readonly SemaphoreSlim _membership = new(1, 1);
    private readonly HashSet<EventType> _dirty = [];
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly List<Task> _running = [];
    private DateTimeOffset _lastPoll, _lastClaim;
    private bool _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = cluster.Options.EventPoll;
        var claimEvery = cluster.Options.HostTimeout / 2;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_listening)
                {
                    await ListenAsync();
                    _listening = true;
                }
                await SyncGroupsAsync();
                var now = DateTimeOffset.UtcNow;
                if (now - _lastPoll >= poll)
                {
                    _lastPoll = now;
                    lock (_dirty) foreach (var s in _joined.Values) _dirty.Add(s.Type);
                }
                if (now - _lastClaim >= claimEvery)
                {
                    _lastClaim = now;
                    await ClaimAsync(stoppingToken);
                }
                var more = await ReadAsync(stoppingToken);
                _running.RemoveAll(t => t.IsCompleted);
                if (!more)
                    await _wake.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Redis unreachable or slow (or anything unforeseen): this loop must outlive it, or the host would stop.
                logger.LogWarning(e, "Reading events from Redis failed; retrying");
                await Task.Delay(poll, CancellationToken.None);
            }
        }
        // Handlers cut short by the stop are not acknowledged: another host runs them again.
        await Task.WhenAll(_running);
    }

    // Wake-ups: the wire name of a type that just got an entry.
    private Task ListenAsync() =>
        cluster.Subscriber.SubscribeAsync(cluster.Channel(EventStreams.Channel), (_, wire) =>
        {
            if (EventTypes.TryParse(wire.ToString(), out EventType type))
            {
                lock (_dirty) _dirty.Add(type);
                _wake.Release();
            }
        });

    /// <summary>A plugin that just started joins its handlers' groups before its start is reported (an install's answer),
    /// so an event raised right after reaches it, as on one host.</summary>
    public async Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        if (!entry.IsActive) return;
        await _membership.WaitAsync(cancellationToken);
        try
        {
            foreach (var subscription in SubscriptionsOf(entry))
                await JoinAsync(subscription);
        }
        catch (Exception e) when (RedisFailure.Is(e))
        {
            logger.LogWarning(e, "Could not join the event groups of {PluginId} yet; retrying in the background", entry.Id);
        }
        finally
        {
            _membership.Release();
        }
    }

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Subscription> SubscriptionsOf(PluginEntry entry) =>
        (entry.Descriptor?.EventHandlers ?? []).Select(h => new Subscription(entry.Id, h.Method, h.EventType,
            EventStreams.StreamKey(cluster, h.EventType), EventStreams.GroupName(entry.Id, h.Method)));

    private async Task JoinAsync(Subscription subscription)
    {
        if (_joined.ContainsKey(subscription.Group)) return;
        await cluster.Database.ScriptEvaluateAsync(JoinScript, [subscription.Stream],
            [subscription.Group, cluster.HostId, cluster.HostKey("")]);
        _joined[subscription.Group] = subscription;
        lock (_dirty) _dirty.Add(subscription.Type);
    }

    /// <summary>The groups of this host's active handlers: joins new ones, leaves those whose plugin stopped.</summary>
    private async Task SyncGroupsAsync()
    {
        await _membership.WaitAsync();
        try
        {
            var active = catalog.Active.SelectMany(SubscriptionsOf).ToDictionary(s => s.Group);
            foreach (var subscription in active.Values)
                await JoinAsync(subscription);
            foreach (var name in _joined.Keys.Where(n => !active.ContainsKey(n)).ToList())
                if (_joined.TryRemove(name, out var left))
                    await LeaveAsync(left);
        }
        finally
        {
            _membership.Release();
        }
    }

    // A host whose plugin stopped leaves the group when it holds nothing, so the group's liveness (JoinScript) is that of
    // the hosts still running the handler. What it still holds is claimed later by whichever host runs the handler.
    private async Task LeaveAsync(Subscription subscription)
    {
        try
        {
            var mine = await cluster.Database.StreamPendingMessagesAsync(subscription.Stream, subscription.Group, 1, cluster.HostId);
            if (mine.Length == 0)
                await cluster.Database.StreamDeleteConsumerAsync(subscription.Stream, subscription.Group, cluster.HostId);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>Reads new entries for the dirty types' groups, as many as there are free handler slots; true when a group
    /// returned a full batch (more may be waiting).</summary>
    private async Task<bool> ReadAsync(CancellationToken stoppingToken)
    {
        List<EventType> types;
        lock (_dirty)
        {
            types = [.. _dirty];
            _dirty.Clear();
        }
        var more = false;
        foreach (var subscription in _joined.Values.Where(s => types.Contains(s.Type)).ToList())
        {
            var free = dispatcher.FreeSlots;
            if (free <= 0)
            {
                // Busy: come back to these types when a handler ends (each end wakes the loop).
                lock (_dirty) _dirty.UnionWith(types);
                return false;
            }
            var count = Math.Min(free, Batch);
            StreamEntry[] entries;
            try
            {
                entries = await cluster.Database.StreamReadGroupAsync(subscription.Stream, subscription.Group, cluster.HostId,
                    StreamPosition.NewMessages, count);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // The stream or the group was deleted (e.g. by hand): joined again on the next pass.
                _joined.TryRemove(subscription.Group, out _);
                continue;
            }
            foreach (var entry in entries)
                Start(subscription, entry, stoppingToken);
            if (entries.Length == count)
            {
                more = true;
                lock (_dirty) _dirty.Add(subscription.Type);
            }
        }
        return more;
    }

    /// <summary>Claims entries held by dead hosts (or held longer than a handler may run) and runs them here; forgets dead
    /// consumers that hold nothing.</summary>
    private async Task ClaimAsync(CancellationToken stoppingToken)
    {
        var limit = RuntimeOptions.Limit(runtime.Value.EventTimeoutSeconds);
        var stuckAfter = limit == Timeout.InfiniteTimeSpan ? long.MaxValue
            : (long)(limit + 2 * cluster.Options.HostTimeout).TotalMilliseconds;
        var liveness = new Dictionary<string, bool>();
        async Task<bool> IsLiveAsync(string host)
        {
            if (host == cluster.HostId) return true;
            if (!liveness.TryGetValue(host, out var live))
                liveness[host] = live = await cluster.Database.KeyExistsAsync(cluster.HostKey(host));
            return live;
        }
        foreach (var subscription in _joined.Values.ToList())
        {
            try
            {
                var pending = await cluster.Database.StreamPendingMessagesAsync(subscription.Stream, subscription.Group, 100, RedisValue.Null);
                var claim = new List<RedisValue>();
                foreach (var p in pending)
                    if (p.IdleTimeInMilliseconds > stuckAfter || !await IsLiveAsync(p.ConsumerName.ToString()))
                        claim.Add(p.MessageId);
                var free = dispatcher.FreeSlots;
                if (claim.Count > 0 && free > 0)
                {
                    // The minimum idle time makes two hosts claiming at once take each entry once: the first claim resets
                    // it, so the second host's claim, sent within that time, finds it too fresh.
                    var claimed = await cluster.Database.StreamClaimAsync(subscription.Stream, subscription.Group, cluster.HostId,
                        (long)(cluster.Options.HostTimeout / 2).TotalMilliseconds, [.. claim.Take(free)]);
                    foreach (var entry in claimed)
                        if (!entry.IsNull)
                            Start(subscription, entry, stoppingToken);
                }
                foreach (var consumer in await cluster.Database.StreamConsumerInfoAsync(subscription.Stream, subscription.Group))
                    if (consumer.PendingMessageCount == 0 && !await IsLiveAsync(consumer.Name))
                        await cluster.Database.StreamDeleteConsumerAsync(subscription.Stream, subscription.Group, consumer.Name);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                _joined.TryRemove(subscription.Group, out _);
            }
        }
    }

    private void Start(Subscription subscription, StreamEntry entry, CancellationToken stoppingToken) =>
        _running.Add(RunAsync(subscription, entry, stoppingToken));

    private async Task RunAsync(Subscription subscription, StreamEntry entry, CancellationToken stoppingToken)
    {
        try
        {
            var plugin = catalog.Find(subscription.PluginId);
            var handler = plugin?.Descriptor?.EventHandlers.FirstOrDefault(h => h.Method == subscription.Method);
            if (plugin is not { IsActive: true } || handler is null)
                return; // stopped since: left pending, claimed once it has been held too long
            EventData data;
            try
            {
                data = EventTypes.Deserialize(subscription.Type, System.Text.Json.Nodes.JsonNode.Parse(entry[EventStreams.DataField].ToString()));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                logger.LogWarning(e, "Event entry {Id} of {Stream} is not valid {Type} data; dropped", entry.Id, subscription.Stream, subscription.Type);
                await AckAsync(subscription, entry);
                return;
            }
            await dispatcher.HandleAsync(plugin, handler, new PluginEvent(subscription.Type, data), stoppingToken);
            if (!stoppingToken.IsCancellationRequested)
                await AckAsync(subscription, entry);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (RedisFailure.Is(e))
        {
            // Not acknowledged: the entry stays pending and is run again once claimed (at least once, not exactly once).
            logger.LogWarning(e, "Could not acknowledge event entry {Id} of {Stream}", entry.Id, subscription.Stream);
        }
        finally
        {
            _wake.Release(); // a slot is free again
        }
    }

    private Task<long> AckAsync(Subscription subscription, StreamEntry entry) =>
        cluster.Database.StreamAcknowledgeAsync(subscription.Stream, subscription.Group, entry.Id);

    public override void Dispose()
    {
        _wake.Dispose();
        _membership.Dispose();
        base.Dispose();
    }

    private sealed record Subscription(string PluginId, string Method, EventType Type, string Stream, string Group);
}

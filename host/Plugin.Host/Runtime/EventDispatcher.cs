using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace Plugin.Host.Runtime;

/// <summary>
/// Broadcast events go through one channel: publishing only queues (the seed's <c>send_event</c> returns at once), a
/// single reader hands every handler of every enabled plugin its own isolated call, and a bounded number of calls run
/// at once so a flood or a hanging handler cannot starve the host. Chain events run inline, in priority order, on one
/// shared data object, with a time limit per handler.
/// </summary>
public sealed class EventDispatcher(
    PluginCatalog catalog,
    PluginInvoker invoker,
    IOptions<RuntimeOptions> options,
    ILogger<EventDispatcher> logger) : BackgroundService
{
    private readonly Channel<QueuedEvent> _queue = Channel.CreateUnbounded<QueuedEvent>(new UnboundedChannelOptions { SingleReader = true });
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
        return _queue.Writer.WriteAsync(new QueuedEvent(type, data, source), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
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
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunHandlerAsync(string pluginId, IPlugin instance, Plugin.Sdk.Manifest.EventHandlerDescriptor handler,
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

    /// <summary>Runs a chain event: declared sources first, then every handler of every enabled plugin by priority
    /// (lower first; ties keep plugin order). Failures and time-outs are reported, never thrown.</summary>
    public async Task<ChainOutcome> RunChainAsync(ChainEventType type, ChainEventData data, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        AddDeclaredSources(type, data, errors);
        var handlers = catalog.Active
            .SelectMany(e => e.Descriptor is { } d && e.Instance is { } i
                ? d.ChainHandlers.Where(h => h.EventType == type).Select(h => (Entry: e, Instance: i, Handler: h))
                : [])
            .OrderBy(x => x.Handler.Priority)
            .ToList();
        var limit = EventTypes.TimeLimit(type) ?? RuntimeOptions.Limit(options.Value.ChainTimeoutSeconds);
        var evt = new PluginChainEvent(type, data);
        var ran = new List<string>();
        foreach (var (entry, instance, handler) in handlers)
        {
            try
            {
                await invoker.InvokeAsync(entry.Id, $"chain handler {handler.Method} ({EventTypes.WireName(type)})", limit,
                    ct => handler.Invoke(instance, evt, ct), cancellationToken);
                ran.Add($"{entry.Id}.{handler.Method}");
            }
            catch (PluginCallException e)
            {
                errors.Add(e.Message);
            }
        }
        return new ChainOutcome(data, ran, errors);
    }

    // Discover/recommend sources and storage providers are declared in the manifest: the host answers for them, so a
    // plugin needs no chain handler of its own.
    private void AddDeclaredSources(ChainEventType type, ChainEventData data, List<string> errors)
    {
        foreach (var entry in catalog.Active)
        {
            if (entry is not { Descriptor: { } d, Instance: { } instance })
                continue;
            try
            {
                switch (data)
                {
                    case DiscoverSourceEventData discover when type == ChainEventType.DiscoverSource:
                        foreach (var source in d.DiscoverSources)
                            discover.ExtraSources.Add(new DiscoverMediaSource
                            {
                                Name = source.Name,
                                MediaidPrefix = source.MediaIdPrefix,
                                ApiPath = PluginApiPath(entry.Id, source.ApiPath),
                                FilterParams = source.FilterParams.ToDictionary(p => p, _ => JsonSerializer.SerializeToElement<string?>(null)),
                                FilterUi = source.FilterUi is null ? []
                                    : [.. source.FilterUi(instance).Select(n => JsonSerializer.SerializeToElement(n.ToJson()))],
                            });
                        break;
                    case RecommendSourceEventData recommend when type == ChainEventType.RecommendSource:
                        foreach (var source in d.RecommendSources)
                            recommend.ExtraSources.Add(new RecommendMediaSource { Name = source.Name, ApiPath = PluginApiPath(entry.Id, source.ApiPath) });
                        break;
                    case StorageOperSelectionEventData storage when type == ChainEventType.StorageOperSelection && storage.StorageOper is null:
                        var provider = d.StorageProviders.FirstOrDefault(p => string.Equals(p.Type, storage.Storage, StringComparison.OrdinalIgnoreCase));
                        if (provider is not null)
                        {
                            storage.StorageOper = provider.Create(instance);
                            storage.Source = entry.Id;
                        }
                        break;
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "Plugin {PluginId}: declared sources for {Event} failed", entry.Id, EventTypes.WireName(type));
                errors.Add($"Plugin {entry.Id}: declared sources failed: {e.Message}");
            }
        }
    }

    /// <summary>MoviePilot's source <c>api_path</c> is relative to <c>api/v1/</c>: <c>plugin/&lt;Id&gt;/&lt;path&gt;</c>.</summary>
    public static string PluginApiPath(string pluginId, string apiPath) =>
        apiPath.StartsWith("plugin/", StringComparison.Ordinal) ? apiPath : $"plugin/{pluginId}/{apiPath.TrimStart('/')}";

    private sealed record QueuedEvent(EventType Type, EventData Data, string? Source);
}

/// <summary>What a chain event run produced: the shared data, the handlers that ran, and the errors of those that did not.</summary>
public sealed record ChainOutcome(ChainEventData Data, IReadOnlyList<string> Ran, IReadOnlyList<string> Errors);

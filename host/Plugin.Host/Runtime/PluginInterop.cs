using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Plugin.Host.Storage;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// The services plugins offer each other (<see cref="IPluginInterop.Offer{TRequest, TResponse}"/>), kept as JSON handlers
/// (<see cref="InteropRules.JsonHandler"/>): a caller hands over JSON and gets JSON back, so no object of one plugin's load
/// context is held by another, and a provider's context can be collected as soon as it unloads. Why not shared contract
/// interfaces: a contract assembly loaded once for everybody would stay loaded for the host's lifetime and pin its version
/// for every plugin; a type declared in a plugin's own assembly is another type in each load context.
/// Offers are withdrawn when their plugin stops (disable, reload, update, uninstall), and answered only while it is active.
/// </summary>
public sealed class PluginServiceRegistry(PluginCatalog catalog, PluginInvoker invoker, IOptions<RuntimeOptions> options)
    : IPluginLifecycleListener
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Offer>> _offers = new(StringComparer.OrdinalIgnoreCase);

    internal IDisposable Add(string pluginId, string name, InteropRules.JsonHandler handler)
    {
        InteropRules.CheckServiceName(name);
        var offer = new Offer(pluginId, name, handler);
        _offers.GetOrAdd(pluginId, _ => new(StringComparer.Ordinal))[name] = offer;
        return new Withdrawal(this, offer);
    }

    /// <summary>The names <paramref name="pluginId"/> offers now (empty when it is not active).</summary>
    public IReadOnlyList<string> Offered(string pluginId) =>
        catalog.Find(pluginId)?.IsActive == true && _offers.TryGetValue(pluginId, out var names) ? names.Keys.Order(StringComparer.Ordinal).ToList() : [];

    public bool IsOffered(string pluginId, string name) => Find(pluginId, name) is not null;

    private Offer? Find(string pluginId, string name) =>
        catalog.Find(pluginId)?.IsActive == true && _offers.TryGetValue(pluginId, out var names) && names.TryGetValue(name, out var offer) ? offer : null;

    /// <summary>Runs the provider's handler as a call into the provider (time limit, crash marker, errors logged with its id).
    /// The provider's exception stays here: only its message reaches the caller, whose plugin must not hold the provider's
    /// exception types.</summary>
    internal async Task<string> CallAsync(string callerId, string pluginId, string name, string requestJson, CancellationToken cancellationToken)
    {
        var offer = Find(pluginId, name) ?? throw new PluginServiceUnavailableException(pluginId, name);
        try
        {
            return await invoker.InvokeAsync(pluginId, $"service {name} (called by {callerId})", RuntimeOptions.Limit(options.Value.CallTimeoutSeconds),
                ct => new ValueTask<string>(offer.Handler(requestJson, ct)), cancellationToken);
        }
        catch (PluginCallException e)
        {
            throw new PluginServiceException(pluginId, name, e.Message);
        }
    }

    /// <summary>Every offer of <paramref name="pluginId"/> goes (it stops or its context is released).</summary>
    internal void WithdrawAll(string pluginId) => _offers.TryRemove(pluginId, out _);

    public Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken)
    {
        WithdrawAll(pluginId);
        return Task.CompletedTask;
    }

    public Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken)
    {
        WithdrawAll(pluginId);
        return Task.CompletedTask;
    }

    private sealed record Offer(string PluginId, string Name, InteropRules.JsonHandler Handler);

    /// <summary>Disposing withdraws this offer only, not a later one under the same name.</summary>
    private sealed class Withdrawal(PluginServiceRegistry registry, Offer offer) : IDisposable
    {
        public void Dispose()
        {
            if (registry._offers.TryGetValue(offer.PluginId, out var names))
                names.TryRemove(new KeyValuePair<string, Offer>(offer.Name, offer));
        }
    }
}

/// <summary>
/// One plugin's view of the others (<c>Context.Plugins</c>): their shared data, read-only, from the host database, and the
/// service registry. Closed when the plugin's context is released (unload), so code of an unloaded plugin still running
/// can neither call nor offer.
/// </summary>
internal sealed class HostPluginInterop(string pluginId, HostDatabase database, PluginCatalog catalog, PluginServiceRegistry services)
    : IPluginInterop
{
    private volatile bool _closed;

    public async Task<SharedData<T>> GetDataAsync<T>(string otherPluginId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(otherPluginId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (catalog.Find(otherPluginId) is null)
            return new SharedData<T>(otherPluginId, key, SharedDataStatus.UnknownPlugin);
        var store = new PluginDataStore(database, otherPluginId);
        if (!InteropRules.IsShared(await store.SharedAsync(cancellationToken), key))
            return new SharedData<T>(otherPluginId, key, SharedDataStatus.NotShared);
        var json = await store.GetJsonAsync(key, cancellationToken);
        return json is null
            ? new SharedData<T>(otherPluginId, key, SharedDataStatus.NotSaved)
            : new SharedData<T>(otherPluginId, key, SharedDataStatus.Found, System.Text.Json.JsonSerializer.Deserialize<T>(json, PluginJson.Options));
    }

    public async Task<IReadOnlyList<string>> SharedKeysAsync(string otherPluginId, CancellationToken cancellationToken = default)
    {
        if (catalog.Find(otherPluginId) is null)
            return [];
        var store = new PluginDataStore(database, otherPluginId);
        var patterns = await store.SharedAsync(cancellationToken);
        return (await store.KeysAsync(cancellationToken)).Where(k => InteropRules.IsShared(patterns, k)).ToList();
    }

    public IDisposable Offer<TRequest, TResponse>(string name, Func<TRequest, CancellationToken, Task<TResponse>> handler)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        return services.Add(pluginId, name, InteropRules.Wrap(handler));
    }

    public bool IsOffered(string otherPluginId, string name) => !_closed && services.IsOffered(otherPluginId, name);

    public async Task<TResponse?> CallAsync<TRequest, TResponse>(string otherPluginId, string name, TRequest request,
        CancellationToken cancellationToken = default)
    {
        if (_closed)
            throw new PluginServiceUnavailableException(otherPluginId, name);
        var answer = await services.CallAsync(pluginId, otherPluginId, name, InteropRules.WriteRequest(request), cancellationToken);
        return InteropRules.ReadResponse<TResponse>(otherPluginId, name, answer);
    }

    /// <summary>The plugin unloads: its offers go, and calls from code of it still running are refused.</summary>
    public void Close()
    {
        _closed = true;
        services.WithdrawAll(pluginId);
    }
}

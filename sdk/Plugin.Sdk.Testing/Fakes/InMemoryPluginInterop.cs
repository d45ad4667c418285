using System.Text.Json;
using Plugin.Sdk.Manifest;

namespace Plugin.Sdk.Testing;

/// <summary>
/// <c>Context.Plugins</c> without a host: other plugins are seeded by the test (<see cref="AddPlugin"/> for their data,
/// <see cref="OfferAs{TRequest, TResponse}"/> for their services), and the plugin's own offers can be called as another
/// plugin would (<see cref="CallOfferedAsync{TRequest, TResponse}"/>). The host's rules apply (<see cref="InteropRules"/>):
/// only shared keys are readable, values and service calls cross as JSON with <see cref="PluginJson"/>, and a plugin that
/// is stopped or removed offers nothing.
/// </summary>
public sealed class InMemoryPluginInterop : IPluginInterop
{
    private readonly string _pluginId;
    private readonly object _gate = new();
    private readonly Dictionary<string, InMemoryDataStore> _data = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, InteropRules.JsonHandler>> _offers = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _inactive = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The view of plugin <paramref name="pluginId"/>, whose own data is <paramref name="ownData"/>.</summary>
    public InMemoryPluginInterop(string pluginId, InMemoryDataStore ownData)
    {
        _pluginId = pluginId;
        _data[pluginId] = ownData;
    }

    /// <summary>Whether the plugin under test counts as active (the harness ties it to the plugin's enable switch).</summary>
    public Func<bool> IsSelfActive { get; set; } = () => true;

    // ---- seeding other plugins ------------------------------------------------------------------------------

    /// <summary>Makes plugin <paramref name="pluginId"/> installed and active and returns its data store: save and
    /// <see cref="InMemoryDataStore.ShareAsync"/> in it what the plugin under test may read.</summary>
    public InMemoryDataStore AddPlugin(string pluginId)
    {
        lock (_gate)
        {
            if (!_data.TryGetValue(pluginId, out var store))
                _data[pluginId] = store = new InMemoryDataStore();
            return store;
        }
    }

    /// <summary>Plugin <paramref name="pluginId"/> (added if needed) offers <paramref name="name"/>, answered by
    /// <paramref name="handler"/>; dispose the handle to withdraw it.</summary>
    public IDisposable OfferAs<TRequest, TResponse>(string pluginId, string name, Func<TRequest, CancellationToken, Task<TResponse>> handler)
    {
        AddPlugin(pluginId);
        return Add(pluginId, name, InteropRules.Wrap(handler));
    }

    /// <summary>Switches plugin <paramref name="pluginId"/> on or off, as when the user disables it: an inactive plugin's
    /// services are not offered (its shared data stays readable).</summary>
    public void SetActive(string pluginId, bool active)
    {
        lock (_gate)
        {
            if (active) _inactive.Remove(pluginId);
            else _inactive.Add(pluginId);
        }
    }

    /// <summary>Plugin <paramref name="pluginId"/> is uninstalled: its data and services are gone.</summary>
    public void RemovePlugin(string pluginId)
    {
        lock (_gate)
        {
            _data.Remove(pluginId);
            _offers.Remove(pluginId);
        }
    }

    // ---- the plugin's own offers ----------------------------------------------------------------------------

    /// <summary>The service names the plugin under test offers now.</summary>
    public IReadOnlyList<string> Offered
    {
        get
        {
            lock (_gate) return _offers.TryGetValue(_pluginId, out var names) ? names.Keys.Order(StringComparer.Ordinal).ToList() : [];
        }
    }

    /// <summary>Calls the plugin's own service <paramref name="name"/> as another plugin would.</summary>
    public Task<TResponse?> CallOfferedAsync<TRequest, TResponse>(string name, TRequest request, CancellationToken cancellationToken = default) =>
        CallAsync<TRequest, TResponse>(_pluginId, name, request, cancellationToken);

    /// <summary>Withdraws every offer of the plugin under test (the host does this when a plugin stops).</summary>
    public void WithdrawOwnOffers()
    {
        lock (_gate) _offers.Remove(_pluginId);
    }

    // ---- IPluginInterop --------------------------------------------------------------------------------------

    /// <inheritdoc/>
    public async Task<SharedData<T>> GetDataAsync<T>(string pluginId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pluginId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        InMemoryDataStore? store;
        lock (_gate) _data.TryGetValue(pluginId, out store);
        if (store is null)
            return new SharedData<T>(pluginId, key, SharedDataStatus.UnknownPlugin);
        if (!InteropRules.IsShared(await store.SharedAsync(cancellationToken), key))
            return new SharedData<T>(pluginId, key, SharedDataStatus.NotShared);
        var json = store.GetJson(key);
        return json is null
            ? new SharedData<T>(pluginId, key, SharedDataStatus.NotSaved)
            : new SharedData<T>(pluginId, key, SharedDataStatus.Found, json.Deserialize<T>(PluginJson.Options));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> SharedKeysAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        InMemoryDataStore? store;
        lock (_gate) _data.TryGetValue(pluginId, out store);
        if (store is null)
            return [];
        var patterns = await store.SharedAsync(cancellationToken);
        return store.Keys.Where(k => InteropRules.IsShared(patterns, k)).ToList();
    }

    /// <inheritdoc/>
    public IDisposable Offer<TRequest, TResponse>(string name, Func<TRequest, CancellationToken, Task<TResponse>> handler) =>
        Add(_pluginId, name, InteropRules.Wrap(handler));

    /// <inheritdoc/>
    public bool IsOffered(string pluginId, string name) => Find(pluginId, name) is not null;

    /// <inheritdoc/>
    public async Task<TResponse?> CallAsync<TRequest, TResponse>(string pluginId, string name, TRequest request,
        CancellationToken cancellationToken = default)
    {
        var handler = Find(pluginId, name) ?? throw new PluginServiceUnavailableException(pluginId, name);
        string answer;
        try { answer = await handler(InteropRules.WriteRequest(request), cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host reports the provider's failure by message only (its exception types belong to its load context).
            throw new PluginServiceException(pluginId, name, $"Plugin {pluginId}: service {name} failed: {e.GetType().Name}: {e.Message}");
        }
        return InteropRules.ReadResponse<TResponse>(pluginId, name, answer);
    }

    private IDisposable Add(string pluginId, string name, InteropRules.JsonHandler handler)
    {
        InteropRules.CheckServiceName(name);
        lock (_gate)
        {
            if (!_offers.TryGetValue(pluginId, out var names))
                _offers[pluginId] = names = new Dictionary<string, InteropRules.JsonHandler>(StringComparer.Ordinal);
            names[name] = handler;
        }
        return new Withdrawal(this, pluginId, name, handler);
    }

    private InteropRules.JsonHandler? Find(string pluginId, string name)
    {
        lock (_gate)
        {
            var active = string.Equals(pluginId, _pluginId, StringComparison.OrdinalIgnoreCase) ? IsSelfActive() : !_inactive.Contains(pluginId);
            return active && _offers.TryGetValue(pluginId, out var names) && names.TryGetValue(name, out var handler) ? handler : null;
        }
    }

    private sealed class Withdrawal(InMemoryPluginInterop owner, string pluginId, string name, InteropRules.JsonHandler handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                if (owner._offers.TryGetValue(pluginId, out var names) && names.TryGetValue(name, out var current) && current == handler)
                    names.Remove(name);
            }
        }
    }
}

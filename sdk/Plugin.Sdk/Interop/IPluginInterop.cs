namespace Plugin.Sdk;

/// <summary>
/// Other plugins, as one plugin may see them (<c>Context.Plugins</c>): the data they chose to share, read-only
/// (MoviePilot's <c>PluginDataOper().get_data(other_plugin, key)</c>), and services plugins offer each other
/// (MoviePilot's <c>run_plugin_method</c>, with types instead of <c>getattr</c>).
/// </summary>
/// <remarks>
/// Why services go through JSON: every plugin lives in its own collectible load context, so a type declared in plugin A's
/// assembly is a different type in plugin B, and an object of A held by B would keep A's context alive after A unloads.
/// A service therefore takes and returns JSON-serialisable values: the caller's request is serialised with
/// <see cref="PluginJson"/> and read as the provider's request type, and the answer comes back the same way. Each side
/// declares its own request and response classes (or shares a small contract package each loads privately); nothing of
/// one plugin is ever held by another, so either can unload at any time.
/// </remarks>
public interface IPluginInterop
{
    /// <summary>
    /// Reads <paramref name="key"/> of plugin <paramref name="pluginId"/>'s data store, if that plugin shares it
    /// (<see cref="IPluginDataStore.ShareAsync"/>). Never returns a key the plugin did not share: the answer's
    /// <see cref="SharedData{T}.Status"/> says whether the value was found, not saved yet, not shared, or the plugin is unknown.
    /// </summary>
    Task<SharedData<T>> GetDataAsync<T>(string pluginId, string key, CancellationToken cancellationToken = default);

    /// <summary>The keys of plugin <paramref name="pluginId"/> that are saved and shared; empty for an unknown plugin.</summary>
    Task<IReadOnlyList<string>> SharedKeysAsync(string pluginId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Offers a service named <paramref name="name"/> to other plugins, until the returned handle is disposed or this plugin
    /// stops (disabled, reloaded, updated, uninstalled): the host withdraws every offer of a stopping plugin. Offer it in
    /// <c>OnInitAsync</c>; offering a name again replaces the earlier handler. The handler runs as a call into this plugin:
    /// with the host's time limit, its exceptions logged here and reported to the caller.
    /// </summary>
    IDisposable Offer<TRequest, TResponse>(string name, Func<TRequest, CancellationToken, Task<TResponse>> handler);

    /// <summary>True when plugin <paramref name="pluginId"/> is active and offers <paramref name="name"/> now.</summary>
    bool IsOffered(string pluginId, string name);

    /// <summary>
    /// Calls the service <paramref name="name"/> of plugin <paramref name="pluginId"/>: <paramref name="request"/> goes as
    /// JSON, the answer comes back as <typeparamref name="TResponse"/>. Throws <see cref="PluginServiceUnavailableException"/>
    /// when that plugin is not installed, not active or does not offer the service (e.g. it was unloaded), and
    /// <see cref="PluginServiceException"/> when its handler failed or ran out of time.
    /// </summary>
    Task<TResponse?> CallAsync<TRequest, TResponse>(string pluginId, string name, TRequest request, CancellationToken cancellationToken = default);
}

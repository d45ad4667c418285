namespace Plugin.Sdk;

/// <summary>Persistent key/value data (the seed's <c>save_data</c> / <c>get_data</c> / <c>del_data</c>), stored as JSON.</summary>
public interface IPluginDataStore
{
    /// <summary>Saves <paramref name="value"/> under <paramref name="key"/>, replacing any earlier value.</summary>
    Task SaveAsync<T>(string key, T value, CancellationToken cancellationToken = default);

    /// <summary>The value, or <c>default</c> when the key was never saved.</summary>
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>True when the key existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every key saved by the plugin.</summary>
    Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Lets other plugins read <paramref name="key"/> (<see cref="IPluginInterop.GetDataAsync{T}"/>): a key, or a prefix
    /// ending in <c>*</c> (<c>"daily-*"</c>) for every key that starts with it. Read-only for them; the mark is kept with the
    /// data (it survives restarts and updates, and may precede the first save) until <see cref="UnshareAsync"/> or uninstall.
    /// Keys not marked stay private: other plugins are told "not shared", never the value.
    /// </summary>
    Task ShareAsync(string key, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sharing data needs a host with Plugin.Sdk 1.1 or later.");

    /// <summary>Takes back a mark made by <see cref="ShareAsync"/> (the same key or pattern); true when it was shared.</summary>
    Task<bool> UnshareAsync(string key, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sharing data needs a host with Plugin.Sdk 1.1 or later.");

    /// <summary>The keys and patterns this plugin shares.</summary>
    Task<IReadOnlyList<string>> SharedAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sharing data needs a host with Plugin.Sdk 1.1 or later.");
}

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
}

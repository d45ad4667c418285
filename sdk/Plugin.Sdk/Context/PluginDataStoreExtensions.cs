namespace Plugin.Sdk;

/// <summary>Blocking shortcuts for code that cannot await (ported synchronous plugin code).</summary>
public static class PluginDataStoreExtensions
{
    /// <summary>Saves <paramref name="value"/> under <paramref name="key"/>, blocking until done.</summary>
    public static void Save<T>(this IPluginDataStore store, string key, T value) => store.SaveAsync(key, value).GetAwaiter().GetResult();

    /// <summary>The value under <paramref name="key"/>, or default; blocks until read.</summary>
    public static T? Get<T>(this IPluginDataStore store, string key) => store.GetAsync<T>(key).GetAwaiter().GetResult();

    /// <summary>Deletes <paramref name="key"/>, blocking until done; true when it existed.</summary>
    public static bool Delete(this IPluginDataStore store, string key) => store.DeleteAsync(key).GetAwaiter().GetResult();
}

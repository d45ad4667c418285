namespace Plugin.Sdk;

/// <summary>Blocking shortcuts for code that cannot await (ported synchronous plugin code).</summary>
public static class PluginDataStoreExtensions
{
    public static void Save<T>(this IPluginDataStore store, string key, T value) => store.SaveAsync(key, value).GetAwaiter().GetResult();

    public static T? Get<T>(this IPluginDataStore store, string key) => store.GetAsync<T>(key).GetAwaiter().GetResult();

    public static bool Delete(this IPluginDataStore store, string key) => store.DeleteAsync(key).GetAwaiter().GetResult();
}

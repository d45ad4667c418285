namespace Plugin.Sdk;

/// <summary>Storages known to the host (the seed's <c>StorageHelper</c>).</summary>
public interface IStorageRegistry
{
    /// <summary>Adds a storage entry of <paramref name="type"/> unless one exists (the seed's <c>add_storage</c>).</summary>
    void Add(string type, string name, IReadOnlyDictionary<string, string>? config = null);

    /// <summary>Whether a storage of <paramref name="type"/> exists.</summary>
    bool Exists(string type);
}

namespace Plugin.Sdk;

/// <summary>
/// Registers a storage type (the seed's "扩展支持的存储类型"). Put it on a method returning <c>IStorageProvider</c>;
/// the host adds the storage, answers <c>StorageOperSelection</c> and routes file operations for that type to it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class StorageProviderAttribute(string type, string name) : Attribute
{
    /// <summary>The storage type key, e.g. <c>"xxx"</c>.</summary>
    public string Type { get; } = type;

    /// <summary>The storage's display name, e.g. <c>"My Cloud"</c>.</summary>
    public string Name { get; } = name;
}

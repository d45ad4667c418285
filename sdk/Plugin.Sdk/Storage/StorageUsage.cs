namespace Plugin.Sdk;

/// <summary>Space on a storage, in bytes.</summary>
public sealed class StorageUsage
{
    /// <summary>Total space in bytes.</summary>
    public long Total { get; set; }
    /// <summary>Free space in bytes.</summary>
    public long Available { get; set; }
}

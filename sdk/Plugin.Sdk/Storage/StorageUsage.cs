namespace Plugin.Sdk;

public sealed class StorageUsage
{
    public long Total { get; set; }
    public long Available { get; set; }
}

namespace Plugin.Sdk;

public sealed class DownloadDeletedEventData : EventData
{
    public string? Hash { get; set; }
}

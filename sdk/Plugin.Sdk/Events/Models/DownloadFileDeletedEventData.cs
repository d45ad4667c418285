namespace Plugin.Sdk;

public sealed class DownloadFileDeletedEventData : EventData
{
    public string? Src { get; set; }
    public string? Hash { get; set; }
}

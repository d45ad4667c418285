namespace Plugin.Sdk;

public sealed class DownloadAddedEventData : EventData
{
    public string? Hash { get; set; }
    public string? Downloader { get; set; }
    public string? Username { get; set; }
    public string? Source { get; set; }
    public MediaContext? Context { get; set; }
}

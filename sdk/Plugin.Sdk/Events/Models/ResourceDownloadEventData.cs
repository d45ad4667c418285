using System.Text.Json;

namespace Plugin.Sdk;

public sealed class ResourceDownloadEventData : ChainEventData
{
    public MediaContext? Context { get; set; }
    public List<int>? Episodes { get; set; }
    public string? Channel { get; set; }
    public string? Origin { get; set; }
    public string? Downloader { get; set; }
    public Dictionary<string, JsonElement>? Options { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

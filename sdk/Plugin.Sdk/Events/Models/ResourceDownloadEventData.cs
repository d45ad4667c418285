using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.ResourceDownload"/>: a torrent about to be downloaded, which a handler may stop.</summary>
public sealed class ResourceDownloadEventData : ChainEventData
{
    /// <summary>The metadata, media and torrent to download.</summary>
    public MediaContext? Context { get; set; }
    /// <summary>The episodes wanted from it.</summary>
    public List<int>? Episodes { get; set; }
    /// <summary>The message channel the request came from, if any.</summary>
    public string? Channel { get; set; }
    /// <summary>What asked, e.g. <c>Subscribe</c>.</summary>
    public string? Origin { get; set; }
    /// <summary>The downloader it goes to.</summary>
    public string? Downloader { get; set; }
    /// <summary>Further download options, as MoviePilot passes them.</summary>
    public Dictionary<string, JsonElement>? Options { get; set; }
    /// <summary>Set true to stop the download.</summary>
    public bool Cancel { get; set; }
    /// <summary>Why it was stopped.</summary>
    public string? Reason { get; set; }
}

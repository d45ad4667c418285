namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.DownloadAdded"/>: a torrent was added to a downloader.</summary>
public sealed class DownloadAddedEventData : EventData
{
    /// <summary>The torrent's info hash.</summary>
    public string? Hash { get; set; }
    /// <summary>Name of the downloader it was added to.</summary>
    public string? Downloader { get; set; }
    /// <summary>The user who asked for the download.</summary>
    public string? Username { get; set; }
    /// <summary>What started the download, e.g. a subscription or a manual search.</summary>
    public string? Source { get; set; }
    /// <summary>The metadata, media and torrent of the download.</summary>
    public MediaContext? Context { get; set; }
}

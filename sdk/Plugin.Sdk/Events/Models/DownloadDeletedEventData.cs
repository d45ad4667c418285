namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.DownloadDeleted"/>: a download task was deleted.</summary>
public sealed class DownloadDeletedEventData : EventData
{
    /// <summary>Hash of the deleted torrent.</summary>
    public string? Hash { get; set; }
}

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.DownloadFileDeleted"/>: a downloaded source file was deleted.</summary>
public sealed class DownloadFileDeletedEventData : EventData
{
    /// <summary>Path of the deleted file.</summary>
    public string? Src { get; set; }
    /// <summary>Hash of the torrent the file belonged to.</summary>
    public string? Hash { get; set; }
}

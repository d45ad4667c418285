using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.MediaRecognizeConvert"/>: a media id to convert to another database's.</summary>
public sealed class MediaRecognizeConvertEventData : ChainEventData
{
    /// <summary><c>prefix:id</c>, e.g. <c>tmdb:12345</c>.</summary>
    public string? Mediaid { get; set; }
    /// <summary><c>themoviedb</c> or <c>douban</c>.</summary>
    public string? ConvertType { get; set; }
    /// <summary>The handler's answer: the media's details in the target database. JSON <c>media_dict</c>.</summary>
    public Dictionary<string, JsonElement>? MediaDict { get; set; }
}

using System.Text.Json;

namespace Plugin.Sdk;

public sealed class MediaRecognizeConvertEventData : ChainEventData
{
    /// <summary><c>prefix:id</c>, e.g. <c>tmdb:12345</c>.</summary>
    public string? Mediaid { get; set; }
    /// <summary><c>themoviedb</c> or <c>douban</c>.</summary>
    public string? ConvertType { get; set; }
    public Dictionary<string, JsonElement>? MediaDict { get; set; }
}

using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>
/// The seed's <c>cacheControl</c>: how long the host may keep what <c>getMediaSource</c> returned
/// (the source URL, not the audio). Default <see cref="NoCache"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CacheControl>))]
public enum CacheControl
{
    /// <summary><c>no-cache</c>: cached, but used only when the source cannot be reached.</summary>
    [JsonStringEnumMemberName("no-cache")] NoCache = 0,
    /// <summary><c>cache</c>: a cached source URL is returned again without calling the plugin.</summary>
    [JsonStringEnumMemberName("cache")] Cache = 1,
    /// <summary><c>no-store</c>: never cached; always asks the plugin.</summary>
    [JsonStringEnumMemberName("no-store")] NoStore = 2,
}

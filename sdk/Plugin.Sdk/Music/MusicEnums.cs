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

/// <summary>The seed's audio qualities, in ascending order (the numeric values are that order).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicQuality>))]
public enum MusicQuality
{
    [JsonStringEnumMemberName("low")] Low = 0,
    [JsonStringEnumMemberName("standard")] Standard = 1,
    [JsonStringEnumMemberName("high")] High = 2,
    [JsonStringEnumMemberName("super")] Super = 3,
}

/// <summary>The seed's search types (<c>search(query, page, type)</c>, <c>supportedSearchType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicSearchType>))]
public enum MusicSearchType
{
    [JsonStringEnumMemberName("music")] Music,
    [JsonStringEnumMemberName("album")] Album,
    [JsonStringEnumMemberName("artist")] Artist,
    [JsonStringEnumMemberName("sheet")] Sheet,
    [JsonStringEnumMemberName("lyric")] Lyric,
}

/// <summary>Wire names of the seed's enums, for code that works with raw strings (plugins, REST).</summary>
public static class MusicNames
{
    public static string ToWire(this CacheControl value) => value switch
    {
        CacheControl.Cache => "cache",
        CacheControl.NoStore => "no-store",
        _ => "no-cache",
    };

    public static string ToWire(this MusicQuality value) => value switch
    {
        MusicQuality.Low => "low",
        MusicQuality.High => "high",
        MusicQuality.Super => "super",
        _ => "standard",
    };

    public static string ToWire(this MusicSearchType value) => value switch
    {
        MusicSearchType.Album => "album",
        MusicSearchType.Artist => "artist",
        MusicSearchType.Sheet => "sheet",
        MusicSearchType.Lyric => "lyric",
        _ => "music",
    };

    /// <summary>Parses a wire name; false for anything the seed does not define.</summary>
    public static bool TryParseQuality(string? text, out MusicQuality quality)
    {
        switch (text)
        {
            case "low": quality = MusicQuality.Low; return true;
            case "standard": quality = MusicQuality.Standard; return true;
            case "high": quality = MusicQuality.High; return true;
            case "super": quality = MusicQuality.Super; return true;
            default: quality = MusicQuality.Standard; return false;
        }
    }

    public static bool TryParseSearchType(string? text, out MusicSearchType type)
    {
        switch (text)
        {
            case "music": type = MusicSearchType.Music; return true;
            case "album": type = MusicSearchType.Album; return true;
            case "artist": type = MusicSearchType.Artist; return true;
            case "sheet": type = MusicSearchType.Sheet; return true;
            case "lyric": type = MusicSearchType.Lyric; return true;
            default: type = MusicSearchType.Music; return false;
        }
    }

    public static bool TryParseCacheControl(string? text, out CacheControl value)
    {
        switch (text)
        {
            case "cache": value = CacheControl.Cache; return true;
            case "no-store": value = CacheControl.NoStore; return true;
            case "no-cache": value = CacheControl.NoCache; return true;
            default: value = CacheControl.NoCache; return false;
        }
    }
}

namespace Plugin.Sdk.Music;

/// <summary>Wire names of the seed's enums, for code that works with raw strings (plugins, REST).</summary>
public static class MusicNames
{
    /// <summary>The MusicFree name of a cache policy: <c>cache</c>, <c>no-cache</c> or <c>no-store</c>.</summary>
    public static string ToWire(this CacheControl value) => value switch
    {
        CacheControl.Cache => "cache",
        CacheControl.NoStore => "no-store",
        _ => "no-cache",
    };

    /// <summary>The MusicFree name of a quality: <c>low</c>, <c>standard</c>, <c>high</c> or <c>super</c>.</summary>
    public static string ToWire(this MusicQuality value) => value switch
    {
        MusicQuality.Low => "low",
        MusicQuality.High => "high",
        MusicQuality.Super => "super",
        _ => "standard",
    };

    /// <summary>The MusicFree name of a search type, e.g. <c>music</c>.</summary>
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

    /// <summary>Parses a search type name; false for anything MusicFree does not define.</summary>
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

    /// <summary>Parses a cache policy name; false for anything MusicFree does not define.</summary>
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

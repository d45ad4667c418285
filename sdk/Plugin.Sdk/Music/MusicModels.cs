using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

// Typed equivalents of the shapes in the MusicFree plugin protocol (seed 003). JSON names are the seed's
// camelCase names. Plugins may extend any item with their own serialisable fields ("你可以在搜索结果或者基本媒体类型中
// 扩展任何可被序列化的字段") and the app hands those fields back on later calls, so every shape keeps unknown
// fields in Extra and writes them out again unchanged.

/// <summary>
/// The seed's media base: <c>platform</c> + <c>id</c> plus whatever fields the plugin added. The host sets
/// <see cref="Platform"/> on every item a source returns; the plugin's own value is ignored (as in the app).
/// </summary>
[JsonConverter(typeof(MediaBaseConverter))]
public class MediaBase
{
    [JsonPropertyName("platform")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Platform { get; set; }

    /// <summary>The item's id. Plugins often return numbers; they are read as their text.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string Id { get; set; } = "";

    /// <summary>Fields the seed does not name, kept so they round-trip to the plugin.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>IMusicItem: a song.</summary>
public class MusicItem : MediaBase
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("artist")] public string Artist { get; set; } = "";
    [JsonPropertyName("album"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Album { get; set; }
    /// <summary>Length in seconds.</summary>
    [JsonPropertyName("duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Duration { get; set; }
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    /// <summary>A direct source URL; used when the plugin has no getMediaSource.</summary>
    [JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Url { get; set; }
    /// <summary>A URL of an LRC file.</summary>
    [JsonPropertyName("lrc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Lrc { get; set; }
    /// <summary>LRC text.</summary>
    [JsonPropertyName("rawLrc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RawLrc { get; set; }
}

/// <summary>IAlbumItem.</summary>
public class AlbumItem : MediaBase
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("artist"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artist { get; set; }
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    [JsonPropertyName("date"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Date { get; set; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
    [JsonPropertyName("musicList"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicItem>? MusicList { get; set; }
}

/// <summary>IArtistItem.</summary>
public class ArtistItem : MediaBase
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("avatar"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Avatar { get; set; }
    [JsonPropertyName("fans"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Fans { get; set; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
}

/// <summary>IMusicSheetItem: a playlist, and the shape of a top list (榜单) too.</summary>
public class MusicSheetItem : MediaBase
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("artist"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artist { get; set; }
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    /// <summary>The seed's top-list example names the cover <c>coverImg</c>; both are kept.</summary>
    [JsonPropertyName("coverImg"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CoverImg { get; set; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("playCount"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? PlayCount { get; set; }
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
    [JsonPropertyName("createAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CreateAt { get; set; }
}

/// <summary>ILyricSource: what getLyric returns.</summary>
public class LyricSource
{
    [JsonPropertyName("rawLrc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RawLrc { get; set; }
    [JsonPropertyName("translation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Translation { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>IMediaSourceResult: what getMediaSource returns.</summary>
public class MediaSource
{
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    /// <summary>Headers needed to fetch <see cref="Url"/>.</summary>
    [JsonPropertyName("headers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, string>? Headers { get; set; }
    [JsonPropertyName("userAgent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UserAgent { get; set; }
    /// <summary>The quality actually served (set by the host after quality fallback).</summary>
    [JsonPropertyName("quality"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicQuality? Quality { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>ISearchResult / paged lists: <c>{ isEnd, data }</c>. A missing <c>isEnd</c> means true.</summary>
public class PagedResult<T>
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("data")] public List<T> Data { get; set; } = [];
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// search / getArtistWorks result. Items are written with their runtime type (a <see cref="MusicItem"/> for
/// "music" and "lyric", <see cref="AlbumItem"/> for "album", ...).
/// </summary>
public class SearchResult : PagedResult<MediaBase>;

/// <summary>IGetAlbumInfoResult.</summary>
public class AlbumInfoResult
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("musicList")] public List<MusicItem> MusicList { get; set; } = [];
    /// <summary>Fields that complete the album; only on page 1.</summary>
    [JsonPropertyName("albumItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AlbumItem? AlbumItem { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>IGetSheetInfoResult.</summary>
public class MusicSheetInfoResult
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("musicList")] public List<MusicItem> MusicList { get; set; } = [];
    [JsonPropertyName("sheetItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSheetItem? SheetItem { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>IMusicSheetGroupItem: one group of top lists.</summary>
public class TopListGroup
{
    [JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Title { get; set; }
    [JsonPropertyName("data")] public List<MusicSheetItem> Data { get; set; } = [];
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>ITopListInfoResult.</summary>
public class TopListDetailResult
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("topListItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSheetItem? TopListItem { get; set; }
    [JsonPropertyName("musicList"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicItem>? MusicList { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>ITag. The app's default tag has an empty id.</summary>
public class SheetTag
{
    [JsonPropertyName("id"), JsonConverter(typeof(LenientStringConverter))] public string Id { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>ITagGroup.</summary>
public class SheetTagGroup
{
    [JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Title { get; set; }
    [JsonPropertyName("data")] public List<SheetTag> Data { get; set; } = [];
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>IGetRecommendSheetTagsResult.</summary>
public class RecommendSheetTagsResult
{
    [JsonPropertyName("pinned"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<SheetTag>? Pinned { get; set; }
    [JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<SheetTagGroup>? Data { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// One entry of <c>userVariables</c>. The seed documents <c>key</c> and <c>title</c>; the MusicFree app also reads
/// <c>name</c> and <c>hint</c>. All four are kept.
/// </summary>
public class UserVariable
{
    [JsonPropertyName("key")] public string Key { get; set; } = "";
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; set; }
    [JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Title { get; set; }
    [JsonPropertyName("hint"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Hint { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The seed's <c>hints</c> object: texts shown in the import dialogs.</summary>
public class MusicSourceHints
{
    [JsonPropertyName("importMusicItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? ImportMusicItem { get; set; }
    [JsonPropertyName("importMusicSheet"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? ImportMusicSheet { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// The plugin's properties (插件属性): everything <c>module.exports</c> holds besides functions, with the seed's
/// defaults. Also the <c>music</c> entry the generator writes into <c>package.json</c>.
/// </summary>
public class MusicSourceManifest
{
    [JsonPropertyName("platform")] public string Platform { get; set; } = "";
    [JsonPropertyName("author"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Author { get; set; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("version")] public string Version { get; set; } = "0.0.0";
    /// <summary>Deprecated by the seed; kept for display only.</summary>
    [JsonPropertyName("appVersion"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AppVersion { get; set; }
    [JsonPropertyName("srcUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SrcUrl { get; set; }
    [JsonPropertyName("primaryKey")] public List<string> PrimaryKey { get; set; } = ["id"];
    [JsonPropertyName("cacheControl")] public CacheControl CacheControl { get; set; } = CacheControl.NoCache;
    [JsonPropertyName("hints"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSourceHints? Hints { get; set; }
    [JsonPropertyName("userVariables"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<UserVariable>? UserVariables { get; set; }
    /// <summary>Null means every type (the seed: "如果不填此字段,则软件会认为 search 方法支持所有的搜索类型").</summary>
    [JsonPropertyName("supportedSearchType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicSearchType>? SupportedSearchType { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Reads a JSON string or number as text (plugins return ids both ways); writes a string.</summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString() ?? "",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "",
        _ => throw new JsonException($"Expected a string or number for an id, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// Writes a <see cref="MediaBase"/> with its runtime type, so a list declared as MediaBase (search results) keeps
/// every field of its music/album/artist/sheet items. Reads a bare MediaBase (platform, id, the rest in Extra).
/// </summary>
public sealed class MediaBaseConverter : JsonConverter<MediaBase>
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(MediaBase);

    public override MediaBase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException($"Expected a media item object, found {document.RootElement.ValueKind}.");
        var item = new MediaBase();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "platform": item.Platform = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null; break;
                case "id": item.Id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText(); break;
                default: (item.Extra ??= [])[property.Name] = property.Value.Clone(); break;
            }
        }
        return item;
    }

    public override void Write(Utf8JsonWriter writer, MediaBase value, JsonSerializerOptions options)
    {
        if (value.GetType() != typeof(MediaBase))
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
            return;
        }
        writer.WriteStartObject();
        if (value.Platform is not null) writer.WriteString("platform", value.Platform);
        writer.WriteString("id", value.Id);
        if (value.Extra is not null)
            foreach (var (key, element) in value.Extra)
            {
                writer.WritePropertyName(key);
                element.WriteTo(writer);
            }
        writer.WriteEndObject();
    }
}

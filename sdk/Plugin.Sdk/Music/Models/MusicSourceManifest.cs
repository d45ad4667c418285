using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>
/// The plugin's properties (插件属性): everything <c>module.exports</c> holds besides functions, with the seed's
/// defaults. Also the <c>music</c> entry the generator writes into <c>package.json</c>.
/// </summary>
public class MusicSourceManifest
{
    /// <summary>The source's name; one installed source per platform (<c>platform</c>).</summary>
    [JsonPropertyName("platform")] public string Platform { get; set; } = "";
    /// <summary>The source's author.</summary>
    [JsonPropertyName("author"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Author { get; set; }
    /// <summary>What the source offers.</summary>
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    /// <summary>The source's semver version; default <c>0.0.0</c>.</summary>
    [JsonPropertyName("version")] public string Version { get; set; } = "0.0.0";
    /// <summary>Deprecated by the seed; kept for display only.</summary>
    [JsonPropertyName("appVersion"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AppVersion { get; set; }
    /// <summary>Where an update of the source is published (<c>srcUrl</c>).</summary>
    [JsonPropertyName("srcUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SrcUrl { get; set; }
    /// <summary>Fields that identify an item of this source (<c>primaryKey</c>); default <c>["id"]</c>.</summary>
    [JsonPropertyName("primaryKey")] public List<string> PrimaryKey { get; set; } = ["id"];
    /// <summary>How long the host may keep getMediaSource results (<c>cacheControl</c>).</summary>
    [JsonPropertyName("cacheControl")] public CacheControl CacheControl { get; set; } = CacheControl.NoCache;
    /// <summary>Texts shown in the import dialogs.</summary>
    [JsonPropertyName("hints"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSourceHints? Hints { get; set; }
    /// <summary>The variables the user can set for the source (<c>userVariables</c>).</summary>
    [JsonPropertyName("userVariables"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<UserVariable>? UserVariables { get; set; }
    /// <summary>Null means every type (the seed: "如果不填此字段,则软件会认为 search 方法支持所有的搜索类型").</summary>
    [JsonPropertyName("supportedSearchType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicSearchType>? SupportedSearchType { get; set; }
    /// <summary>Properties MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

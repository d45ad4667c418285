using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

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

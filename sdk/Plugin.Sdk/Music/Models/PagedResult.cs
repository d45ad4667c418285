using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>ISearchResult / paged lists: <c>{ isEnd, data }</c>. A missing <c>isEnd</c> means true.</summary>
public class PagedResult<T>
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("data")] public List<T> Data { get; set; } = [];
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

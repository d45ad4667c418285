using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>ISearchResult / paged lists: <c>{ isEnd, data }</c>. A missing <c>isEnd</c> means true.</summary>
public class PagedResult<T>
{
    /// <summary>Whether this is the last page; null counts as true.</summary>
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    /// <summary>The items of this page.</summary>
    [JsonPropertyName("data")] public List<T> Data { get; set; } = [];
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>A discover source offered to the host (seed §9).</summary>
public sealed class DiscoverMediaSource
{
    /// <summary>Name shown as the source's tab.</summary>
    public required string Name { get; set; }
    /// <summary>The prefix of the media ids it returns, without <c>:</c>. JSON <c>mediaid_prefix</c>.</summary>
    public required string MediaidPrefix { get; set; }
    /// <summary>The API the page calls for items, e.g. <c>plugin/MyPlugin/discover</c>. JSON <c>api_path</c>.</summary>
    public required string ApiPath { get; set; }
    /// <summary>The filter parameters and their defaults. JSON <c>filter_params</c>.</summary>
    public Dictionary<string, JsonElement>? FilterParams { get; set; }
    /// <summary>Vuetify JSON elements for the filter bar. JSON <c>filter_ui</c>.</summary>
    public List<JsonElement>? FilterUi { get; set; } = [];
    /// <summary>Filters that depend on others: filter name to the names it depends on.</summary>
    public Dictionary<string, List<string>>? Depends { get; set; }
}

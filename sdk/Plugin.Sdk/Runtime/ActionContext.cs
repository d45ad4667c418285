using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>
/// MoviePilot's workflow <c>ActionContext</c>: what earlier actions produced. An action reads it, adds to it and returns it.
/// </summary>
public sealed class ActionContext
{
    public string? Content { get; set; }
    public List<MediaContext> Torrents { get; set; } = [];
    public List<MediaInfo> Medias { get; set; } = [];
    public List<FileItem> Fileitems { get; set; } = [];
    public List<JsonElement> Downloads { get; set; } = [];
    public List<JsonElement> Sites { get; set; } = [];
    public List<JsonElement> Subscribes { get; set; } = [];
    public List<Notification> Messages { get; set; } = [];
    public List<JsonElement> Events { get; set; } = [];
    /// <summary>The action's configured parameters (the seed's <c>kwargs</c>).</summary>
    public Dictionary<string, JsonElement> Params { get; set; } = [];
}

using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>
/// MoviePilot's workflow <c>ActionContext</c>: what earlier actions produced. An action reads it, adds to it and returns it.
/// </summary>
public sealed class ActionContext
{
    /// <summary>Text the workflow carries from action to action.</summary>
    public string? Content { get; set; }
    /// <summary>Torrents found by earlier actions (search results).</summary>
    public List<MediaContext> Torrents { get; set; } = [];
    /// <summary>Media found by earlier actions.</summary>
    public List<MediaInfo> Medias { get; set; } = [];
    /// <summary>Files found by earlier actions.</summary>
    public List<FileItem> Fileitems { get; set; } = [];
    /// <summary>Download tasks started by earlier actions, as MoviePilot describes them.</summary>
    public List<JsonElement> Downloads { get; set; } = [];
    /// <summary>Sites chosen by earlier actions.</summary>
    public List<JsonElement> Sites { get; set; } = [];
    /// <summary>Subscriptions made by earlier actions.</summary>
    public List<JsonElement> Subscribes { get; set; } = [];
    /// <summary>Messages collected by earlier actions, to be sent at the end.</summary>
    public List<Notification> Messages { get; set; } = [];
    /// <summary>Events raised by earlier actions.</summary>
    public List<JsonElement> Events { get; set; } = [];
    /// <summary>The action's configured parameters (the seed's <c>kwargs</c>).</summary>
    public Dictionary<string, JsonElement> Params { get; set; } = [];
}

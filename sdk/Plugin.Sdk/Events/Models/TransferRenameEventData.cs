using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.TransferRename"/>: a name rendered from the rename template, which a handler may replace.</summary>
public sealed class TransferRenameEventData : ChainEventData
{
    /// <summary>The rename template. JSON <c>template_string</c>.</summary>
    public string? TemplateString { get; set; }
    /// <summary>The values the template was rendered with. JSON <c>rename_dict</c>.</summary>
    public Dictionary<string, JsonElement>? RenameDict { get; set; }
    /// <summary>The rendered name. JSON <c>render_str</c>.</summary>
    public string? RenderStr { get; set; }
    /// <summary>The path the name belongs to.</summary>
    public string? Path { get; set; }
    /// <summary>Set true when the handler replaced the name.</summary>
    public bool Updated { get; set; }
    /// <summary>The replacement name. JSON <c>updated_str</c>.</summary>
    public string? UpdatedStr { get; set; }
}

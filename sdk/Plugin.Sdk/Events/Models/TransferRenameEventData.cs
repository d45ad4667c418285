using System.Text.Json;

namespace Plugin.Sdk;

public sealed class TransferRenameEventData : ChainEventData
{
    public string? TemplateString { get; set; }
    public Dictionary<string, JsonElement>? RenameDict { get; set; }
    public string? RenderStr { get; set; }
    public string? Path { get; set; }
    public bool Updated { get; set; }
    public string? UpdatedStr { get; set; }
}

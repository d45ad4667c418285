using System.Text.Json;

namespace Plugin.Sdk;

public sealed class CommandRegisterEventData : ChainEventData
{
    public Dictionary<string, JsonElement>? Commands { get; set; }
    public string? Origin { get; set; }
    public string? Service { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

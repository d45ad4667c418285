namespace Plugin.Sdk;

public sealed class ModuleReloadEventData : EventData
{
    public string? ModuleId { get; set; }
}

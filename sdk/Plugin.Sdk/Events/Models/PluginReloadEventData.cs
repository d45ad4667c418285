namespace Plugin.Sdk;

public sealed class PluginReloadEventData : EventData
{
    public string? PluginId { get; set; }
}

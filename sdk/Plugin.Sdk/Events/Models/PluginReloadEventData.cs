namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.PluginReload"/>: which plugin was reloaded.</summary>
public sealed class PluginReloadEventData : EventData
{
    /// <summary>Id of the reloaded plugin. JSON <c>plugin_id</c>.</summary>
    public string? PluginId { get; set; }
}

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.ModuleReload"/>: a system module was reloaded.</summary>
public sealed class ModuleReloadEventData : EventData
{
    /// <summary>Id of the reloaded module. JSON <c>module_id</c>.</summary>
    public string? ModuleId { get; set; }
}

namespace Plugin.Sdk;

public sealed class SystemErrorEventData : EventData
{
    public string? Type { get; set; }
    public string? ModuleId { get; set; }
    public string? ModuleName { get; set; }
    public string? Error { get; set; }
    public string? Traceback { get; set; }
}

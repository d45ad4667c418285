namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SystemError"/>: a module or the system reported an error.</summary>
public sealed class SystemErrorEventData : EventData
{
    /// <summary>Where the error happened, e.g. <c>module</c> or <c>event</c>.</summary>
    public string? Type { get; set; }
    /// <summary>Id of the module that failed, when a module did. JSON <c>module_id</c>.</summary>
    public string? ModuleId { get; set; }
    /// <summary>Display name of that module. JSON <c>module_name</c>.</summary>
    public string? ModuleName { get; set; }
    /// <summary>The error message.</summary>
    public string? Error { get; set; }
    /// <summary>The stack trace.</summary>
    public string? Traceback { get; set; }
}

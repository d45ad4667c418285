using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace Plugin.Host.Workers.Protocol;

/// <summary>
/// How things cross between host and worker, in one place for both sides: the arguments and answers of each extension
/// point (<see cref="WorkerPoints"/>), written with the SDK's own JSON options (<see cref="PluginJson.Options"/>, what the
/// host uses for REST), the descriptor shapes (<see cref="Shape"/>) and plugin exceptions as <see cref="WorkerFault"/>s.
/// </summary>
public static class WorkerWire
{
    /// <summary>Descriptor records without their delegates and types (those stay in the worker; the host's proxies put
    /// calls to the worker in their place), every member optional so a proxy descriptor can be read back and completed.</summary>
    public static JsonSerializerOptions Shape { get; } = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                static type =>
                {
                    for (var i = type.Properties.Count - 1; i >= 0; i--)
                    {
                        var property = type.Properties[i];
                        if (typeof(Delegate).IsAssignableFrom(property.PropertyType) || property.PropertyType == typeof(Type))
                            type.Properties.RemoveAt(i);
                        else
                            property.IsRequired = false;
                    }
                },
            },
        },
    };

    public static JsonElement ToJson<T>(T value) => JsonSerializer.SerializeToElement(value, PluginJson.Options);

    public static JsonElement ToJson(object? value) =>
        value is null ? default : JsonSerializer.SerializeToElement(value, value.GetType(), PluginJson.Options);

    public static T FromJson<T>(JsonElement? json) => json is { ValueKind: not JsonValueKind.Undefined } element
        ? element.Deserialize<T>(PluginJson.Options)!
        : default!;

    // ---- arguments --------------------------------------------------------------------------------------------------

    /// <summary>An <c>ApiRequest</c>.</summary>
    public sealed record ApiCall(string Method, string Path, Dictionary<string, string[]> Query, Dictionary<string, string> Headers,
        JsonElement? Body, string? User);

    /// <summary>A <c>CommandContext</c>; its replies come back through <see cref="IHostEndpoint.ReplyAsync"/> with <paramref name="ReplyId"/>.</summary>
    public sealed record CommandCall(string Cmd, string Args, string? Data, string? UserId, string? Channel, string? Source, long ReplyId);

    /// <summary>A <c>MessageActionContext</c>; replies as for <see cref="CommandCall"/>.</summary>
    public sealed record MessageActionCall(string PluginId, string Data, string? UserId, string? Channel, string? Source,
        string? OriginalMessageId, string? OriginalChatId, long ReplyId);

    /// <summary>A broadcast event: its type and data (read back with <see cref="EventTypes.Deserialize(EventType, JsonNode?)"/>).</summary>
    public sealed record EventCall(EventType Type, JsonElement Data);

    /// <summary>A chain event: its type and data; the answer is the data after the handler.</summary>
    public sealed record ChainCall(ChainEventType Type, JsonElement Data);

    /// <summary>A module override's call.</summary>
    public sealed record ModuleCallWire(string Method, Dictionary<string, JsonElement> Arguments);

    /// <summary>A workflow action's answer (<c>ActionResult</c>).</summary>
    public sealed record ActionResultWire(bool Success, JsonElement Context, string? Message);

    /// <summary>A <c>DashboardView</c>.</summary>
    public sealed record DashboardWire(List<UiNode> Elements, int? Cols, int? Md, int? Refresh, bool? Border, string? Title,
        string? Subtitle, RenderMode RenderMode);

    /// <summary>A <c>FormView</c>.</summary>
    public sealed record FormWire(List<UiNode> Conf, JsonObject Model, RenderMode RenderMode);

    /// <summary>A call of a member of an interface a plugin hands out (its <c>IStorageProvider</c>s, its
    /// <c>IMusicSource</c>s): the member's C# name, which instance (music sources; 0 for storage), and the arguments in
    /// order without the cancellation token. Storage calls carry file items and paths, never file contents.</summary>
    public sealed record MemberCall(string Method, long Instance, List<JsonElement> Arguments);

    // ---- faults -----------------------------------------------------------------------------------------------------

    /// <summary>The exception as data (the outermost one that says what went wrong).</summary>
    public static WorkerFault Fault(Exception e)
    {
        if (e is System.Reflection.TargetInvocationException { InnerException: { } inner })
            e = inner;
        return new WorkerFault(e.GetType().FullName ?? e.GetType().Name, e.Message,
            (e as ArgumentBindingException)?.Argument, e.InnerException?.Message);
    }

    /// <summary>The exception a fault stands for on the host: the same type when the host knows it (the framework's and
    /// the SDK's exceptions, so callers catch what they caught in process), else <see cref="WorkerPluginException"/>
    /// carrying the plugin's type name.</summary>
    public static Exception Recreate(WorkerFault fault)
    {
        if (fault.Type == typeof(ArgumentBindingException).FullName)
            return new ArgumentBindingException(fault.Argument ?? "", fault.Message);
        var type = Type.GetType(fault.Type) ?? typeof(IPlugin).Assembly.GetType(fault.Type) ?? typeof(JsonException).Assembly.GetType(fault.Type);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && type.GetConstructor([typeof(string)]) is { } constructor)
        {
            try { return (Exception)constructor.Invoke([fault.Message]); }
            catch (System.Reflection.TargetInvocationException) { /* fall through */ }
        }
        return new WorkerPluginException(fault.Type, fault.Message);
    }
}

/// <summary>An exception of a type only the plugin knows, thrown by plugin code in a worker; the message carries the type name.</summary>
public sealed class WorkerPluginException(string type, string message) : Exception($"{type}: {message}")
{
    /// <summary>The full name of the plugin's exception type.</summary>
    public string PluginExceptionType { get; } = type;
}

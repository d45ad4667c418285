using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugin.Sdk.Ui;

/// <summary>A page event that calls an API (seed §7): <c>{"api": "plugin/Id/path", "method": "get", "params": {...}}</c>.</summary>
public sealed class UiEvent
{
    /// <summary>The API to call, relative to <c>/api/v1/</c>, e.g. <c>plugin/MyPlugin/refresh</c>.</summary>
    public required string Api { get; init; }
    /// <summary>The HTTP method, <c>get</c> or <c>post</c>.</summary>
    public string Method { get; init; } = "get";
    /// <summary>The parameters sent with the call.</summary>
    public Dictionary<string, object?> Params { get; init; } = [];

    /// <summary>Calls an API of plugin <paramref name="pluginId"/>; the page refreshes afterwards.</summary>
    public static UiEvent PluginApi(string pluginId, string path, object? parameters = null, string method = "get") => new()
    {
        Api = $"plugin/{pluginId}{(path.StartsWith('/') ? path : "/" + path)}",
        Method = method,
        Params = parameters is null ? [] : JsonSerializer.SerializeToElement(parameters, PluginJson.Options)
            .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value),
    };

    /// <summary>The event as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["api"] = Api,
        ["method"] = Method,
        ["params"] = JsonSerializer.SerializeToNode(Params, PluginJson.Options),
    };
}

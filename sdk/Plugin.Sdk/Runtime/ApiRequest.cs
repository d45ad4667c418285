using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>A call to a plugin API, as the host received it.</summary>
public sealed class ApiRequest(
    string method,
    string path,
    IReadOnlyDictionary<string, string[]> query,
    IReadOnlyDictionary<string, string> headers,
    JsonElement? body,
    string? user = null) : IArgumentSource
{
    /// <summary>The HTTP method, upper case, e.g. <c>GET</c>.</summary>
    public string Method { get; } = method;

    /// <summary>The path relative to the plugin, e.g. <c>/delete_history</c>.</summary>
    public string Path { get; } = path;

    /// <summary>Query string values by name (case-insensitive); a name given twice has two values.</summary>
    public IReadOnlyDictionary<string, string[]> Query { get; } = query;

    /// <summary>Request headers (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    /// <summary>The JSON body, when the request had one.</summary>
    public JsonElement? Body { get; } = body;

    /// <summary>The authenticated user, when the call carried a bearer token.</summary>
    public string? User { get; } = user;

    /// <summary>The first query string value of <paramref name="name"/>.</summary>
    public bool TryGetText(string name, out string? value)
    {
        if (Query.TryGetValue(name, out var values) && values.Length > 0)
        {
            value = values[0];
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>The top-level property <paramref name="name"/> of a JSON object body (case-insensitive).</summary>
    public bool TryGetJson(string name, out JsonElement value)
    {
        if (Body is { ValueKind: JsonValueKind.Object } body)
        {
            foreach (var property in body.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    /// <summary>A request with only query values, for tests and internal calls.</summary>
    public static ApiRequest FromQuery(string method, string path, IReadOnlyDictionary<string, string>? query = null, JsonElement? body = null) =>
        new(method, path,
            (query ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key, kv => new[] { kv.Value }, StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), body);
}

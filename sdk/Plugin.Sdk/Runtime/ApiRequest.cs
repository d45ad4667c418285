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
    public string Method { get; } = method;

    /// <summary>The path relative to the plugin, e.g. <c>/delete_history</c>.</summary>
    public string Path { get; } = path;

    public IReadOnlyDictionary<string, string[]> Query { get; } = query;

    /// <summary>Request headers (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public JsonElement? Body { get; } = body;

    /// <summary>The authenticated user, when the call carried a bearer token.</summary>
    public string? User { get; } = user;

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

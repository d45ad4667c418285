using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// What a plugin API's return value becomes on the wire, the one way the host sends it and the test kit reports it:
/// status 200 and the value as JSON with <see cref="PluginJson.Options"/>. A null return is not "no content": it is
/// 200 with the JSON body <c>null</c>, so a client that parses every answer as JSON never meets an empty body.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApiResponseRule
{
    /// <summary>The status of every value a plugin API returns, null included.</summary>
    public const int StatusCode = 200;

    /// <summary>The content type of the answer.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The body text for <paramref name="value"/>: its JSON, or <c>null</c>.</summary>
    public static string Serialize(object? value) =>
        value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), PluginJson.Options);

    /// <summary>Writes the body for <paramref name="value"/> to <paramref name="body"/>, as <see cref="Serialize"/> spells it.</summary>
    public static Task WriteAsync(Stream body, object? value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return value is null
            ? body.WriteAsync("null"u8.ToArray(), cancellationToken).AsTask()
            : JsonSerializer.SerializeAsync(body, value, value.GetType(), PluginJson.Options, cancellationToken);
    }
}

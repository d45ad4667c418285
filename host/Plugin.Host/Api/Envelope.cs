using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Runtime;
using Plugin.Shared.Api;

namespace Plugin.Host.Api;

/// <summary>Reading request bodies with clear 400 messages instead of the framework's empty ones.</summary>
public static class RequestBody
{
    public static async Task<JsonNode?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
            return null;
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return JsonBodies.Parse(text);
        }
        catch (JsonException e)
        {
            throw new PluginError(PluginErrorKind.Invalid, $"The request body is not valid JSON: {e.Message}");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await ReadJsonAsync(request, cancellationToken) switch
        {
            JsonObject o => o,
            null => throw new PluginError(PluginErrorKind.Invalid, "A JSON object body is required."),
            var other => throw new PluginError(PluginErrorKind.Invalid, $"The request body must be a JSON object, not {other.GetValueKind()}."),
        };
}

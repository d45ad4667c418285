using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugin.Host.Api;

/// <summary>MoviePilot's response envelope <c>{"success", "message", "data"}</c>.</summary>
public sealed record Envelope(bool Success, string Message = "", object? Data = null)
{
    public static IResult Ok(object? data = null, string message = "") => Results.Json(new Envelope(true, message, data));

    public static IResult Fail(string message, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(new Envelope(false, message), statusCode: statusCode);
}

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
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new Runtime.PluginOperationException(400, $"The request body is not valid JSON: {e.Message}");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await ReadJsonAsync(request, cancellationToken) switch
        {
            JsonObject o => o,
            null => throw new Runtime.PluginOperationException(400, "A JSON object body is required."),
            var other => throw new Runtime.PluginOperationException(400, $"The request body must be a JSON object, not {other.GetValueKind()}."),
        };
}

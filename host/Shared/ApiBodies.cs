// Linked into Plugin.Host, Plugin.Indexer and Plugin.Music, and internal in each, so the host and both engines answer
// with one envelope shape and one 401 body without the engines depending on the host. Plain comments, not XML doc
// comments: the three assemblies would each document the same type names, and the host's OpenAPI generator, which
// collects the XML docs of the host and its references into one table, refuses a name seen twice.
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Plugin.Shared.Api;

// MoviePilot's response envelope {"success", "message", "data"}, with data of type T so the OpenAPI document describes
// what each endpoint puts there. The names are fixed here, not left to the serializer's naming policy, and all three
// are always written (a null data as null), so every endpoint's envelope looks the same whatever options it
// serializes its data with.
internal sealed record ApiEnvelope<T>(
    [property: JsonPropertyName("success"), JsonPropertyOrder(0)] bool Success,
    [property: JsonPropertyName("message"), JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Message,
    [property: JsonPropertyName("data"), JsonPropertyOrder(2), JsonIgnore(Condition = JsonIgnoreCondition.Never)] T? Data)
{
    // Fields an endpoint adds beside the three (e.g. the music engine's unsupported).
    [JsonExtensionData]
    public IDictionary<string, object?>? Extra { get; init; }
}

// The one way the host and both engines build the envelope: typed bodies for endpoints that declare their responses
// (TypedResults.Ok(ApiEnvelope.Success(data))), and a ready result for refusals, which carry no typed data.
internal static class ApiEnvelope
{
    public static ApiEnvelope<T> Of<T>(bool success, string? message, T? data) => new(success, message, data);

    public static ApiEnvelope<T> Success<T>(T? data, string? message = "") => new(true, message, data);

    // An envelope without data ({"data": null}); typed as object so every such answer shares one schema.
    public static ApiEnvelope<object> Empty(bool success, string? message) => new(success, message, null);

    // A failure answered with statusCode.
    public static IResult Fail(string? message, int statusCode, object? data = null, JsonSerializerOptions? options = null) =>
        Results.Json(new ApiEnvelope<object>(false, message, data), options, statusCode: statusCode);
}

// The body of a refused login or missing credentials, {"detail": "..."} as MoviePilot (FastAPI) sends it.
internal sealed record ApiDetail([property: JsonPropertyName("detail")] string Detail)
{
    public static IResult Result(string detail, int statusCode = StatusCodes.Status401Unauthorized) =>
        Results.Json(new ApiDetail(detail), statusCode: statusCode);
}

// Linked into Plugin.Host, Plugin.Indexer and Plugin.Music, and internal in each, so the host and both engines answer
// with one envelope shape and one 401 body without the engines depending on the host.
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Plugin.Shared.Api;

/// <summary>
/// MoviePilot's response envelope <c>{"success", "message", "data"}</c>. The names are fixed here, not left to the
/// serializer's naming policy, and all three are always written (a null <c>data</c> as <c>null</c>), so every endpoint's
/// envelope looks the same whatever options it serializes its data with.
/// </summary>
internal sealed record ApiEnvelope(
    [property: JsonPropertyName("success"), JsonPropertyOrder(0)] bool Success,
    [property: JsonPropertyName("message"), JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Message,
    [property: JsonPropertyName("data"), JsonPropertyOrder(2), JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? Data)
{
    /// <summary>Fields an endpoint adds beside the three (e.g. the music engine's <c>unsupported</c>).</summary>
    [JsonExtensionData]
    public IDictionary<string, object?>? Extra { get; init; }

    /// <summary>Success with <paramref name="data"/>, serialized with <paramref name="options"/> (the app's when null).</summary>
    public static IResult Ok(object? data = null, string? message = "", JsonSerializerOptions? options = null) =>
        Results.Json(new ApiEnvelope(true, message, data), options);

    /// <summary>A failure answered with <paramref name="statusCode"/>.</summary>
    public static IResult Fail(string? message, int statusCode, object? data = null, JsonSerializerOptions? options = null) =>
        Results.Json(new ApiEnvelope(false, message, data), options, statusCode: statusCode);
}

/// <summary>The body of a refused login or missing credentials, <c>{"detail": "..."}</c> as MoviePilot (FastAPI) sends it.</summary>
internal sealed record ApiDetail([property: JsonPropertyName("detail")] string Detail)
{
    public static IResult Result(string detail, int statusCode = StatusCodes.Status401Unauthorized) =>
        Results.Json(new ApiDetail(detail), statusCode: statusCode);
}

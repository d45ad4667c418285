using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Plugin.Music.Management;
using Plugin.Sdk.Music;
using Plugin.Shared.Api;

namespace Plugin.Music.Api;

/// <summary>
/// REST endpoints of the music engine. Every response is MoviePilot's envelope <c>{ "success", "message", "data" }</c>;
/// the HTTP status says the kind of failure (400 bad input, 404 unknown platform, 409 refused, 501 function not
/// implemented by the source, 502 the plugin failed, 504 it ran past its time limit).
/// </summary>
public static class MusicEndpoints
{
    public static IEndpointRouteBuilder MapMusicEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/music").WithTags("music")
            // Every route may refuse bad input; the envelope of a refusal carries no data.
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ApiEnvelope<object>), ["application/json"]));
        // A body that is not JSON is the caller's mistake: 400 with the parser's position, not a 500.
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (JsonException e)
            {
                return Envelope(false, $"request body is not valid JSON: {e.Message}", null, 400);
            }
        });

        group.MapGet("/plugins", async (MusicSourceCatalog catalog, CancellationToken ct) =>
            Envelope(true, null, await catalog.ListAsync(ct)))
            .Produces<ApiEnvelope<IReadOnlyList<MusicPluginInfo>>>();

        // Body: {"url": "..."} (a plugin or a subscription), {"code": "..."}, {"subscription": "<url>"} or the
        // subscription document itself {"plugins": [...]}.
        group.MapPost("/plugins", async (HttpRequest request, JsPluginInstaller installer, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(request, ct);
            if (body is not JsonObject o)
                return Envelope(false, "expected a JSON object: {\"url\"}, {\"code\"}, {\"subscription\"} or {\"plugins\": [...]}", null, 400);
            IReadOnlyList<MusicInstallResult> results;
            if (o["code"] is JsonValue code && code.TryGetValue<string>(out var text))
                results = [await installer.InstallCodeAsync(text, null, ct)];
            else if (o["url"] is JsonValue url && url.TryGetValue<string>(out var u))
                results = await installer.InstallFromUrlAsync(u, ct);
            else if (o["subscription"] is JsonValue sub && sub.TryGetValue<string>(out var s))
                results = await installer.InstallFromUrlAsync(s, ct);
            else if (o["subscription"] is JsonObject document)
                results = await installer.InstallSubscriptionAsync(document, ct);
            else if (o["plugins"] is JsonArray)
                results = await installer.InstallSubscriptionAsync(o, ct);
            else
                return Envelope(false, "nothing to install: give \"url\", \"code\", \"subscription\" or \"plugins\"", null, 400);
            var ok = results.Count > 0 && results.All(r => r.Succeeded);
            var status = ok ? 200 : results.Any(r => r.Status == MusicInstallStatus.Refused) ? 409 : results.Any(r => r.Succeeded) ? 207 : 400;
            return Envelope(ok, string.Join("; ", results.Select(r => r.Message)), results, status);
        }).Accepts<MusicInstallBody>("application/json").Produces<ApiEnvelope<IReadOnlyList<MusicInstallResult>>>().Produces<ApiEnvelope<IReadOnlyList<MusicInstallResult>>>(StatusCodes.Status207MultiStatus)
            .Produces<ApiEnvelope<IReadOnlyList<MusicInstallResult>>>(StatusCodes.Status409Conflict);

        group.MapDelete("/plugins/{platform}", async (string platform, MusicSourceCatalog catalog, CancellationToken ct) =>
        {
            var result = await catalog.UninstallAsync(platform, ct);
            return Envelope(result.Succeeded, result.Message, result,
                result.Succeeded ? 200 : result.Status == MusicInstallStatus.Refused ? 409 : 404);
        }).Produces<ApiEnvelope<MusicInstallResult>>().Produces<ApiEnvelope<MusicInstallResult>>(StatusCodes.Status404NotFound)
            .Produces<ApiEnvelope<MusicInstallResult>>(StatusCodes.Status409Conflict);

        group.MapPost("/plugins/{platform}/update", async (string platform, JsPluginInstaller installer, CancellationToken ct) =>
        {
            var result = await installer.UpdateAsync(platform, ct);
            // 502 is for the plugin's own server (its srcUrl) failing; an unknown platform is the caller's 404.
            return Envelope(result.Succeeded, result.Message, result, result.Succeeded ? 200 : result.Status switch
            {
                MusicInstallStatus.Refused => 409,
                MusicInstallStatus.NotFound => 404,
                _ => 502,
            });
        }).Produces<ApiEnvelope<MusicInstallResult>>().Produces<ApiEnvelope<MusicInstallResult>>(StatusCodes.Status404NotFound)
            .Produces<ApiEnvelope<MusicInstallResult>>(StatusCodes.Status409Conflict).Produces<ApiEnvelope<MusicInstallResult>>(StatusCodes.Status502BadGateway);

        group.MapPut("/plugins/{platform}/variables", async (string platform, HttpRequest request, MusicSourceCatalog catalog, CancellationToken ct) =>
        {
            if (await ReadJsonAsync(request, ct) is not JsonObject o)
                return Envelope(false, "expected a JSON object of variables, e.g. {\"token\": \"x\"}", null, 400);
            var variables = o.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? "");
            return await catalog.SetVariablesAsync(platform, variables, ct)
                ? Envelope(true, $"variables of '{platform}' saved", variables)
                : Envelope(false, $"no music source '{platform}' is installed", null, 404);
        }).Accepts<Dictionary<string, string>>("application/json").Produces<ApiEnvelope<Dictionary<string, string>>>()
            .Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound);

        // Body: {"enabled": true|false}
        group.MapPut("/plugins/{platform}/enabled", async (string platform, HttpRequest request, MusicSourceCatalog catalog, CancellationToken ct) =>
        {
            if (await ReadJsonAsync(request, ct) is not JsonObject { } o || o["enabled"] is not JsonValue v || !v.TryGetValue<bool>(out var enabled))
                return Envelope(false, "expected {\"enabled\": true|false}", null, 400);
            return await catalog.SetEnabledAsync(platform, enabled, ct)
                ? Envelope(true, $"'{platform}' {(enabled ? "enabled" : "disabled")}", null)
                : Envelope(false, $"no music source '{platform}' is installed", null, 404);
        }).Accepts<MusicEnabledBody>("application/json").Produces<ApiEnvelope<object>>().Produces<ApiEnvelope<object>>(StatusCodes.Status404NotFound);

        group.MapGet("/search", async (string? query, string? type, int? page, MusicService music, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(query)) return Envelope(false, "query is required", null, 400);
            type ??= "music";
            if (!MusicNames.TryParseSearchType(type, out _))
                return Envelope(false, $"unknown type '{type}' (music, album, artist, sheet, lyric)", null, 400);
            var entries = await music.SearchAllAsync(query, type, page is > 0 ? page.Value : 1, ct);
            return Envelope(true, null, new MusicSearchData(query, type, page is > 0 ? page.Value : 1, entries));
        }).Produces<ApiEnvelope<MusicSearchData>>();

        // Arguments as a JSON array, in the function's order: e.g. search -> ["q", 1, "music"].
        group.MapPost("/{platform}/{function}", async (string platform, string function, HttpRequest request, MusicService music, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(request, ct);
            if (body is not JsonArray arguments && body is not null)
                return Envelope(false, $"the body must be a JSON array of {function}'s arguments, e.g. [\"q\", 1, \"music\"] for search", null, 400);
            var result = await music.CallAsync(platform, function, body as JsonArray ?? [], ct);
            var status = result.Status switch
            {
                MusicCallStatus.Ok => 200,
                MusicCallStatus.BadRequest => 400,
                MusicCallStatus.NotFound => 404,
                MusicCallStatus.Disabled => 409,
                MusicCallStatus.Unsupported => 501,
                MusicCallStatus.TimedOut => 504,
                // The plugin hit the sandbox's memory, recursion or statement limit: not a time-out, and not the
                // plugin's server failing (502) — the call cannot be done within the host's limits.
                MusicCallStatus.LimitExceeded => 422,
                _ => 502,
            };
            return Envelope(result.Succeeded, result.Message, result.Data, status, result.Status == MusicCallStatus.Unsupported);
        }).Accepts<JsonArray>("application/json").Produces<ApiEnvelope<JsonNode>>();
        return endpoints;
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        return JsonBodies.Parse(text);
    }

    private static IResult Envelope(bool success, string? message, object? data, int status = 200, bool unsupported = false) =>
        Results.Json(new ApiEnvelope<object>(success, message ?? (success ? "" : "failed"), data)
        {
            // Beside the envelope, so a client can tell "this source lacks the function" from a failure without parsing text.
            Extra = unsupported ? new Dictionary<string, object?> { ["unsupported"] = true } : null,
        }, MusicJson.Options, statusCode: status);
}

/// <summary>The body of <c>PUT /api/v1/music/plugins/{platform}/enabled</c>.</summary>
public sealed record MusicEnabledBody(bool Enabled);

/// <summary>The <c>data</c> of <c>GET /api/v1/music/search</c>: the query as run and each source's answer.</summary>
public sealed record MusicSearchData(string Query, string Type, int Page, IReadOnlyList<MusicSearchEntry> Results);

/// <summary>The body of <c>POST /api/v1/music/plugins</c>: one of a plugin's URL, its code, a subscription's URL or
/// document, or the subscription's plugin list.</summary>
public sealed record MusicInstallBody(string? Url, string? Code, JsonNode? Subscription, JsonArray? Plugins);

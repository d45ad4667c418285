using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Plugin.Host.Runtime;
using Plugin.Host.Security;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;
using Plugin.Shared.Api;

namespace Plugin.Host.Api;

/// <summary>
/// Plugin APIs at <c>/api/v1/plugin/{PluginId}{path}</c>, resolved per request from the manifest (so install, update and
/// uninstall change the routes without touching the endpoint table). Auth per <see cref="ApiAuth"/>; binding errors 400;
/// the return value is written with <see cref="PluginJson.Options"/>.
/// </summary>
public static class PluginApiEndpoints
{
    public static void MapPluginApis(this IEndpointRouteBuilder app)
    {
        // HEAD is mapped too: ApiRoutes answers it with the GET API, as web servers answer HEAD; without it here the
        // routing table refused HEAD with 405 before that rule was ever asked.
        app.MapMethods("/api/v1/plugin/{pluginId}/{**path}", ["GET", "HEAD", "POST", "PUT", "DELETE"], HandleAsync)
            .WithTags("plugin APIs")
            // Each API declares its own auth, known only once the request names the API: HandleAsync applies its policy.
            .AllowAnonymous()
            .ExcludeFromDescription(); // each plugin API is documented on its own by PluginApiDocumentTransformer
    }

    private static async Task HandleAsync(HttpContext http, string pluginId, string? path, PluginCatalog catalog, PluginFeatures features,
        IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator)
    {
        // This handler writes its own responses (a plugin's answer is not an envelope), so failures are turned into
        // answers here, by the same mapping the error filter applies to every other route.
        try
        {
            await DispatchAsync(http, catalog.Require(pluginId), path, features, policies, evaluator);
        }
        catch (Exception e) when (ErrorFilter.AsPluginError(e) is { } error && !http.Response.HasStarted)
        {
            await ErrorFilter.Answer(error).ExecuteAsync(http);
        }
    }

    private static async Task DispatchAsync(HttpContext http, PluginEntry entry, string? path, PluginFeatures features,
        IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator)
    {
        var ct = http.RequestAborted;
        // A plugin's own API is a service the plugin offers: while it is not running that service is unavailable (503),
        // where the host's management routes call the same state a conflict (409).
        if (!entry.IsLoaded || entry.Descriptor is not { } descriptor)
            throw new PluginError(PluginErrorKind.Unavailable, $"Plugin {entry.Id} is {entry.Status}: {entry.Error}");
        var relative = "/" + (path ?? "");
        var route = ApiRoutes.Match(descriptor.Apis, relative, http.Request.Method);
        if (route.Api is not { } api)
        {
            // Routing's own answer (404 unknown path, 405 wrong method), not a plugin error.
            await ApiEnvelope.Fail(route.Outcome == ApiRouteOutcome.MethodNotAllowed
                ? $"Plugin {entry.Id} API {relative} does not accept {http.Request.Method}."
                : $"Plugin {entry.Id} has no API {relative}.", route.StatusCode).ExecuteAsync(http);
            return;
        }
        // What the authorization middleware does for a route's policy, here for the API's: authenticate with the
        // policy's schemes (this sets http.User), authorize, and answer a refusal as the middleware would.
        var policyName = HostPolicies.For(api.Auth);
        var policy = await policies.GetPolicyAsync(policyName)
            ?? throw new InvalidOperationException($"The authorization policy '{policyName}' is not registered.");
        var authentication = await evaluator.AuthenticateAsync(policy, http);
        if (!(await evaluator.AuthorizeAsync(policy, authentication, http, api)).Succeeded)
        {
            await HostAuthorizationResultHandler.WriteRefusalAsync(http, policy);
            return;
        }

        JsonElement? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
                if (JsonBodies.FindUnreadableString(document.RootElement.GetRawText()) is { } problem)
                    throw new JsonException(problem);
                body = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new PluginError(PluginErrorKind.Invalid, $"The request body is not valid JSON: {e.Message}", e);
            }
        }
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);
        query.Remove("apikey"); // the key authenticates the call; it is not a plugin argument
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ApiRequest(http.Request.Method, route.Path, query, headers, body, http.User.BearerUser());

        var result = await features.CallApiAsync(entry, api, request, ct);
        http.Response.StatusCode = ApiResponseRule.StatusCode;
        http.Response.ContentType = ApiResponseRule.ContentType;
        if (ApiRoutes.HasResponseBody(http.Request.Method))
            await ApiResponseRule.WriteAsync(http.Response.Body, result, ct);
    }
}

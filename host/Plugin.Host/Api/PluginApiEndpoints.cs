using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Plugin.Host.Runtime;
using Plugin.Host.Security;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

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

    private static async Task HandleAsync(HttpContext http, string pluginId, string? path, PluginFeatures features,
        IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator)
    {
        var ct = http.RequestAborted;
        var entry = features.Catalog.Find(pluginId);
        if (entry is null)
        {
            await Write(http, 404, new Envelope(false, $"Plugin {pluginId} is not installed."));
            return;
        }
        if (!entry.IsLoaded || entry.Descriptor is not { } descriptor)
        {
            await Write(http, 503, new Envelope(false, $"Plugin {entry.Id} is {entry.Status}: {entry.Error}"));
            return;
        }
        var relative = "/" + (path ?? "");
        var route = ApiRoutes.Match(descriptor.Apis, relative, http.Request.Method);
        if (route.Api is not { } api)
        {
            await Write(http, route.StatusCode, new Envelope(false, route.Outcome == ApiRouteOutcome.MethodNotAllowed
                ? $"Plugin {entry.Id} API {relative} does not accept {http.Request.Method}."
                : $"Plugin {entry.Id} has no API {relative}."));
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
                body = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                await Write(http, 400, new Envelope(false, $"The request body is not valid JSON: {e.Message}"));
                return;
            }
        }
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);
        query.Remove("apikey"); // the key authenticates the call; it is not a plugin argument
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ApiRequest(http.Request.Method, route.Path, query, headers, body, http.User.BearerUser());

        object? result;
        try
        {
            result = await features.CallApiAsync(entry, api, request, ct);
        }
        catch (ArgumentBindingException e)
        {
            await Write(http, 400, new Envelope(false, e.Message));
            return;
        }
        catch (PluginCallException e)
        {
            await Write(http, e.TimedOut ? 504 : 500, new Envelope(false, e.Message));
            return;
        }
        http.Response.StatusCode = ApiResponseRule.StatusCode;
        http.Response.ContentType = ApiResponseRule.ContentType;
        if (ApiRoutes.HasResponseBody(http.Request.Method))
            await ApiResponseRule.WriteAsync(http.Response.Body, result, ct);
    }

    private static Task Write(HttpContext http, int status, object value)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(value, value.GetType(), HostJson.Options, http.RequestAborted);
    }
}

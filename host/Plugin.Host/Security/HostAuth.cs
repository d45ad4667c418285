using Microsoft.AspNetCore.Http;
using Plugin.Sdk;
using Plugin.Shared.Api;

namespace Plugin.Host.Security;

/// <summary>How a request proved who it is.</summary>
public enum Caller { Anonymous, ApiKey, Bearer }

/// <summary>Reads the API key (<c>?apikey=</c> or <c>X-API-KEY</c>) and the bearer token of a request.</summary>
public sealed class HostAuth(HostSecrets secrets, JwtTokens tokens)
{
    public (Caller Caller, string? User) Identify(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && tokens.Validate(header[7..].Trim()) is { } user)
            return (Caller.Bearer, user);
        var key = http.Request.Query["apikey"].ToString();
        if (key.Length == 0)
            key = http.Request.Headers["X-API-KEY"].ToString();
        if (key.Length > 0 && secrets.CheckApiKey(key))
            return (Caller.ApiKey, null);
        return (Caller.Anonymous, null);
    }

    /// <summary>
    /// The seed's rules for plugin APIs: <c>apikey</c> needs the API token, <c>bearer</c> a login token, anonymous
    /// only where declared. A logged-in admin may also call apikey endpoints (MoviePilot's UI does so).
    /// </summary>
    public static bool Allows(ApiAuth auth, Caller caller) => auth switch
    {
        ApiAuth.Anonymous => true,
        ApiAuth.ApiKey => caller is Caller.ApiKey or Caller.Bearer,
        ApiAuth.Bearer => caller is Caller.Bearer,
        _ => false,
    };
}

/// <summary>Guards the management endpoints: a bearer token or the API key.</summary>
public sealed class RequireHostAuthFilter(HostAuth auth) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var (caller, user) = auth.Identify(context.HttpContext);
        if (caller == Caller.Anonymous)
            return ApiDetail.Result("Not authenticated");
        context.HttpContext.Items["host.user"] = user ?? "apikey";
        return await next(context);
    }
}

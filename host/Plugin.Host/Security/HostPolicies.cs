using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Plugin.Sdk;

namespace Plugin.Host.Security;

/// <summary>
/// The host's authorization policies. Management, the engines' endpoints and plugin APIs each name one; the answer to a
/// caller they refuse is <see cref="HostAuthorizationResultHandler"/>'s 401.
/// </summary>
public static class HostPolicies
{
    /// <summary>A bearer token or the API key: the management API and the indexer and music endpoints.</summary>
    public const string User = "user";

    /// <summary>
    /// Plugin APIs declared <see cref="ApiAuth.ApiKey"/>: the API key, or a bearer token, because a logged-in admin may
    /// call them too (MoviePilot's web UI does so with its login token).
    /// </summary>
    public const string ApiKey = "apikey";

    /// <summary>Plugin APIs declared <see cref="ApiAuth.Bearer"/>: a login token only; the API key is not enough.</summary>
    public const string Bearer = "bearer";

    /// <summary>
    /// Plugin APIs declared <see cref="ApiAuth.Anonymous"/>: everyone is let in, but the credentials sent are still
    /// read, so a logged-in caller reaches the plugin with its user name.
    /// </summary>
    public const string Anyone = "anyone";

    /// <summary>The policy a plugin API's declared auth stands for.</summary>
    public static string For(ApiAuth auth) => auth switch
    {
        ApiAuth.Anonymous => Anyone,
        ApiAuth.Bearer => Bearer,
        _ => ApiKey,
    };

    /// <summary>The two schemes, their policies and the 401 answer.</summary>
    public static IServiceCollection AddHostAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(User, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName, ApiKeyHandler.SchemeName)
                .AddRequirements(new CallerRequirement("Not authenticated", HostClaims.Bearer, HostClaims.ApiKey)));
            o.AddPolicy(ApiKey, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName, ApiKeyHandler.SchemeName)
                .AddRequirements(new CallerRequirement("Not authenticated: apikey required.", HostClaims.Bearer, HostClaims.ApiKey)));
            o.AddPolicy(Bearer, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
                .AddRequirements(new CallerRequirement("Not authenticated: a bearer token is required.", HostClaims.Bearer)));
            // A policy needs a requirement; this one always holds (the point of the policy is its schemes).
            o.AddPolicy(Anyone, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName, ApiKeyHandler.SchemeName).RequireAssertion(_ => true));
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, HostAuthorizationResultHandler>();
        return services;
    }
}

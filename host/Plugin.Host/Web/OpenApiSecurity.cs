using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Plugin.Host.Security;
using Plugin.Sdk;

namespace Plugin.Host.Web;

/// <summary>
/// The host's credentials in the OpenAPI document: the schemes of <see cref="HostPolicies"/> (a bearer login token, the
/// API key as query parameter or header) declared once in the components, and on each operation the ones its policy
/// accepts. An operation open to everyone declares none.
/// </summary>
public sealed class OpenApiSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The login token from <c>POST /api/v1/login/access-token</c> (<see cref="BearerTokenHandler"/>).</summary>
    public const string Bearer = "Bearer";

    /// <summary>The API key as <c>?apikey=</c> (<see cref="ApiKeyHandler"/>).</summary>
    public const string ApiKeyQuery = "ApiKeyQuery";

    /// <summary>The API key as the <c>X-API-KEY</c> header.</summary>
    public const string ApiKeyHeader = "ApiKeyHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A login token: POST /api/v1/login/access-token with the form fields username and password.",
        };
        document.Components.SecuritySchemes[ApiKeyQuery] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "apikey",
            Description = "The host's API token (Host:ApiToken).",
        };
        document.Components.SecuritySchemes[ApiKeyHeader] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-KEY",
            Description = "The host's API token (Host:ApiToken), when the query has no apikey.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // AllowAnonymous wins over a group's policy, as it does for the authorization middleware.
        if (metadata.OfType<IAllowAnonymous>().Any())
            return Task.CompletedTask;
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        if (policy is not null)
            Apply(operation, policy, context.Document);
        return Task.CompletedTask;
    }

    /// <summary>Declares on <paramref name="operation"/> the schemes <paramref name="policy"/> accepts, each one enough alone.</summary>
    public static void Apply(OpenApiOperation operation, string policy, OpenApiDocument? document)
    {
        string[] schemes = policy switch
        {
            HostPolicies.Bearer => [Bearer],
            HostPolicies.User or HostPolicies.ApiKey => [Bearer, ApiKeyQuery, ApiKeyHeader],
            _ => [],
        };
        if (schemes.Length == 0)
            return;
        operation.Security ??= [];
        foreach (var scheme in schemes)
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
    }

    /// <summary>The schemes of a plugin API declared with <paramref name="auth"/>.</summary>
    public static void Apply(OpenApiOperation operation, ApiAuth auth, OpenApiDocument document)
    {
        if (auth != ApiAuth.Anonymous)
            Apply(operation, HostPolicies.For(auth), document);
    }
}

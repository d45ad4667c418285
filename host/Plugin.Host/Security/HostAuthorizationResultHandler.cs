using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Plugin.Host.Security;

/// <summary>
/// Answers a refused request with <c>401 {"detail": ...}</c>, the body MoviePilot's clients expect, whether the caller
/// sent no credentials (challenge) or the wrong kind (forbid: an API key on a bearer-only API); the host never answers
/// 403. The detail is the failing policy's <see cref="CallerRequirement.Detail"/>.
/// </summary>
public sealed class HostAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Succeeded ? next(context) : WriteRefusalAsync(context, policy);

    /// <summary>The 401 for <paramref name="policy"/>; also used by the plugin APIs, which evaluate their policy per request.</summary>
    public static Task WriteRefusalAsync(HttpContext context, AuthorizationPolicy policy)
    {
        var detail = policy.Requirements.OfType<CallerRequirement>().FirstOrDefault()?.Detail ?? "Not authenticated";
        return Results.Json(new { detail }, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }
}

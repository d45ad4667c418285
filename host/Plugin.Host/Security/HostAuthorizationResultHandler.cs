using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Plugin.Host.Security;

/// <summary>
/// Answers a refused request with <c>401 {"detail": ...}</c>, the body MoviePilot's clients expect, whether no scheme of
/// the policy accepted the credentials (challenge) or a scheme did but the policy wants another kind of caller (forbid);
/// the host has never answered 403. The detail is the policy's <see cref="CallerRequirement.Detail"/>. Nothing calls the
/// schemes' own challenge, so they write no second answer.
/// </summary>
public sealed class HostAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Succeeded ? next(context) : WriteRefusalAsync(context, policy);

    /// <summary>The 401 for <paramref name="policy"/>; also used by the plugin APIs, which evaluate their policy per request.</summary>
    public static Task WriteRefusalAsync(HttpContext context, AuthorizationPolicy policy)
    {
        var detail = policy.Requirements.OfType<CallerRequirement>().FirstOrDefault()?.Detail ?? "Not authenticated";
        return Plugin.Shared.Api.ApiDetail.Result(detail).ExecuteAsync(context);
    }
}

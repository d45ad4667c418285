using Microsoft.AspNetCore.Authorization;

namespace Plugin.Host.Security;

/// <summary>
/// Met when the caller authenticated by one of <see cref="Methods"/> (<see cref="HostClaims.Method"/>). Carries the
/// <see cref="Detail"/> of the 401 answer, so each policy keeps the message the host has always given for it.
/// </summary>
public sealed class CallerRequirement(string detail, params string[] methods) : AuthorizationHandler<CallerRequirement>, IAuthorizationRequirement
{
    public string Detail { get; } = detail;
    public IReadOnlyList<string> Methods { get; } = methods;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRequirement requirement)
    {
        if (requirement.Methods.Any(context.User.IsAuthenticatedBy))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

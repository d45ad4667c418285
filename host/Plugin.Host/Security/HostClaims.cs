using System.Security.Claims;

namespace Plugin.Host.Security;

/// <summary>
/// What the host's authentication schemes put in a caller's <see cref="ClaimsPrincipal"/>: the name (the login user of a
/// bearer token, <c>apikey</c> for the API token) and the <see cref="Method"/> claim saying how the caller authenticated.
/// A request may carry both credentials; the principal then holds one identity per scheme that accepted them.
/// </summary>
public static class HostClaims
{
    /// <summary>Claim type: how the caller authenticated, <see cref="Bearer"/> or <see cref="ApiKey"/>.</summary>
    public const string Method = "auth_method";

    /// <summary><see cref="Method"/> value of a caller with a valid login token.</summary>
    public const string Bearer = "bearer";

    /// <summary><see cref="Method"/> value of a caller with the API token; also the name of that caller, so messages
    /// sent with the key are attributed to <c>apikey</c>.</summary>
    public const string ApiKey = "apikey";

    /// <summary>The identity that authenticated with <paramref name="method"/>, if any.</summary>
    public static ClaimsIdentity? IdentityBy(this ClaimsPrincipal user, string method) =>
        user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.HasClaim(Method, method));

    public static bool IsAuthenticatedBy(this ClaimsPrincipal user, string method) => user.IdentityBy(method) is not null;

    /// <summary>The login user of a valid bearer token; null for API-key and anonymous callers (what plugins see as
    /// <see cref="Plugin.Sdk.ApiRequest.User"/>).</summary>
    public static string? BearerUser(this ClaimsPrincipal user) => user.IdentityBy(Bearer)?.Name;

    /// <summary>
    /// Who is calling, for attributing actions: the bearer's user when a login token was sent (it names a person, so it
    /// wins over the key when both were sent), otherwise <c>apikey</c>; null when anonymous.
    /// </summary>
    public static string? CallerName(this ClaimsPrincipal user) => user.BearerUser() ?? user.IdentityBy(ApiKey)?.Name;

    /// <summary>The principal a scheme hands to ASP.NET Core: one identity, authenticated by <paramref name="scheme"/>.</summary>
    internal static ClaimsPrincipal Principal(string name, string method, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(Method, method)], scheme, ClaimTypes.Name, ClaimTypes.Role));
}

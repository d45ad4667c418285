using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Plugin.Host.Security;

/// <summary>
/// The <c>Bearer</c> scheme: <c>Authorization: Bearer &lt;token&gt;</c> with a login token this host issued
/// (<see cref="JwtTokens"/>). No header is no result, so the other scheme of a policy can still accept the request; a
/// bad or expired token fails this scheme only, so a valid API key sent alongside still counts.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, JwtTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (tokens.Validate(header[7..].Trim()) is not { } user)
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is invalid or expired."));
        return Task.FromResult(AuthenticateResult.Success(
            new AuthenticationTicket(HostClaims.Principal(user, HostClaims.Bearer, Scheme.Name), Scheme.Name)));
    }
}

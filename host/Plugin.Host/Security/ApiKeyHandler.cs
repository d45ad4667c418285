using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Plugin.Host.Security;

/// <summary>
/// The <c>ApiKey</c> scheme: the host's API token as <c>?apikey=</c> or, when the query has none, the <c>X-API-KEY</c>
/// header (MoviePilot's two spellings). The caller's name is <c>apikey</c>.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, HostSecrets secrets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Query["apikey"].ToString();
        if (key.Length == 0)
            key = Request.Headers["X-API-KEY"].ToString();
        if (key.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!secrets.CheckApiKey(key))
            return Task.FromResult(AuthenticateResult.Fail("The API key is wrong."));
        return Task.FromResult(AuthenticateResult.Success(
            new AuthenticationTicket(HostClaims.Principal(HostClaims.ApiKey, HostClaims.ApiKey, Scheme.Name), Scheme.Name)));
    }
}

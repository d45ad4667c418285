using Plugin.Host.Security;

namespace Plugin.Host.Api;

/// <summary><c>POST /api/v1/login/access-token</c>: form fields <c>username</c>, <c>password</c> (as MoviePilot) → a bearer token.</summary>
public static class AuthEndpoints
{
    public static void MapLogin(this RouteGroupBuilder api)
    {
        api.MapPost("/login/access-token", async (HttpRequest request, HostSecrets secrets, JwtTokens tokens, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
                return Results.Json(new { detail = "Send the form fields username and password (application/x-www-form-urlencoded)." }, statusCode: 400);
            var form = await request.ReadFormAsync(ct);
            string? user = form["username"], password = form["password"];
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
                return Results.Json(new { detail = "username and password are required." }, statusCode: 400);
            if (!secrets.CheckLogin(user, password))
                return Results.Json(new { detail = "Incorrect user name or password." }, statusCode: 401);
            return Results.Json(new { access_token = tokens.Issue(user), token_type = "bearer" });
        }).WithTags("login").WithSummary("Log in with the admin account from configuration").DisableAntiforgery().AllowAnonymous();
    }
}

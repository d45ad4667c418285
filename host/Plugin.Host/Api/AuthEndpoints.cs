using Plugin.Host.Security;
using Plugin.Shared.Api;

namespace Plugin.Host.Api;

/// <summary><c>POST /api/v1/login/access-token</c>: form fields <c>username</c>, <c>password</c> (as MoviePilot) → a bearer token and the user, with MoviePilot's fields (<see cref="MoviePilot.LoginAnswer"/>).</summary>
public static class AuthEndpoints
{
    public static void MapLogin(this RouteGroupBuilder api)
    {
        api.MapPost("/login/access-token", async (HttpRequest request, HostSecrets secrets, JwtTokens tokens, LoginThrottle throttle, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
                return ApiDetail.Result("Send the form fields username and password (application/x-www-form-urlencoded).", 400);
            IFormCollection form;
            // The form reader's own limits (key and value lengths, field count) end in InvalidDataException: the
            // caller's body, not a host failure.
            try { form = await request.ReadFormAsync(ct); }
            catch (InvalidDataException e) { return ApiDetail.Result($"The form could not be read: {e.Message}", 400); }
            string? user = form["username"], password = form["password"];
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
                return ApiDetail.Result("username and password are required.", 400);
            var client = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.RetryAfter(client, user) is { } wait)
            {
                request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiDetail.Result($"Too many failed logins: try again in {(int)Math.Ceiling(wait.TotalSeconds)} s.", StatusCodes.Status429TooManyRequests);
            }
            if (!secrets.CheckLogin(user, password))
            {
                throttle.Failed(client, user);
                return ApiDetail.Result("Incorrect user name or password.", 401);
            }
            var token = tokens.Issue(user);
            MoviePilot.SystemMessageStream.SetCookie(request.HttpContext.Response, token, tokens.Lifetime);
            return Results.Json(MoviePilot.MoviePilotUser.Login(token, user));
        }).WithTags("login").WithSummary("Log in with the admin account from configuration").DisableAntiforgery().AllowAnonymous()
            // No Accepts(form): as routing metadata it would answer a JSON body 415 without a message, where the handler
            // says what to send (400).
            .Produces<MoviePilot.LoginAnswer>()
            .Produces<ApiDetail>(StatusCodes.Status400BadRequest)
            .Produces<ApiDetail>(StatusCodes.Status401Unauthorized)
            .Produces<ApiDetail>(StatusCodes.Status429TooManyRequests);
    }
}

using Plugin.Shared.Api;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plugin.Host.Runtime;
using Plugin.Host.Security;
using Plugin.Host.Storage;

namespace Plugin.Host.Api.MoviePilot;

/// <summary>
/// <c>/api/v1/user/...</c> as MoviePilot's web client uses it: the current user, per-user UI settings, and the
/// two-factor calls, which answer "not available" because this host has no OTP.
/// </summary>
public static partial class UserEndpoints
{
    /// <summary>Values are UI settings (layout, dashboard choices), not data: a generous limit that still stops misuse.</summary>
    private const int MaxValueChars = 256 * 1024;

    private const string NoOtp = "Two-factor login is not available on this host.";

    /// <summary>Asked on the login page as the user name is typed, before there is a token.</summary>
    public static void MapUserPublic(RouteGroupBuilder api) =>
        api.MapGet("/user/otp/{userid}", (string userid) => ShellAnswers.Declined(NoOtp))
            .WithTags("user").WithSummary("Whether the user logs in with a one-time password: never on this host").AllowAnonymous();

    public static void MapUser(RouteGroupBuilder managed)
    {
        var user = managed.MapGroup("/user").WithTags("user");
        user.MapGet("/current", (HttpContext context) => TypedResults.Ok(MoviePilotUser.Current(Caller(context))))
            .WithSummary("The logged-in user (the admin of Host:Admin)");
        user.MapPut("/", () => ShellAnswers.Declined("The account comes from configuration (Host:Admin:User, Host:Admin:Password); it is not edited here."))
            .WithSummary("Edit the user: not available, the account comes from configuration");

        user.MapGet("/config/{key}", async (string key, HttpContext context, UserConfigStore store, CancellationToken ct) =>
                ShellAnswers.Ok(new { value = await store.GetAsync(Caller(context), CheckKey(key), ct) }))
            .WithSummary("A UI setting of the current user: {success, data: {value}}, value null when unset");
        user.MapPost("/config/{key}", SaveConfigAsync).Accepts<JsonNode>("application/json").Produces<ApiEnvelope<object>>()
            .WithSummary("Save a UI setting of the current user (any JSON; null or an empty body removes it)");

        user.MapPost("/otp/generate", () => ShellAnswers.Declined(NoOtp)).WithSummary("Start two-factor login: not available");
        user.MapPost("/otp/judge", () => ShellAnswers.Declined(NoOtp)).WithSummary("Confirm two-factor login: not available");
        // Nothing to turn off: OTP is never on, which is what the client wants to hear.
        user.MapPost("/otp/disable", () => ShellAnswers.Ok<object?>(null, NoOtp)).WithSummary("Turn two-factor login off (it is never on)");
    }

    private static async Task<IResult> SaveConfigAsync(string key, HttpContext context, UserConfigStore store, CancellationToken ct)
    {
        CheckKey(key);
        var value = await RequestBody.ReadJsonAsync(context.Request, ct);
        var json = value?.ToJsonString() ?? "";
        if (json.Length > MaxValueChars)
            throw new PluginError(PluginErrorKind.Invalid, $"The value of '{key}' has {json.Length} characters; at most {MaxValueChars} are kept.");
        await store.SetAsync(Caller(context), key, value, ct);
        return ShellAnswers.Ok<object?>(null);
    }

    /// <summary>Settings belong to the login user; an API-key caller has its own set, under <c>apikey</c>.</summary>
    private static string Caller(HttpContext context) => context.User.CallerName() ?? HostClaims.ApiKey;

    private static string CheckKey(string key) => KeyPattern().IsMatch(key)
        ? key
        : throw new PluginError(PluginErrorKind.Invalid, $"The setting key '{key}' is not valid: use 1 to 100 letters, digits, '_', '-' or '.'.");

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex KeyPattern();
}

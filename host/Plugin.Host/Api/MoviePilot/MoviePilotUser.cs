using System.Text.Json.Nodes;

namespace Plugin.Host.Api.MoviePilot;

/// <summary>
/// The host's one account as MoviePilot's client expects a user: the admin from <c>Host:Admin</c>, a super user (the
/// client shows the plugin and settings menus and asks for plugin dashboards only for one), id 1 and level 2
/// ("authenticated") as MoviePilot's own first admin. There is no avatar, no OTP and no per-user permission here.
/// </summary>
public static class MoviePilotUser
{
    public const int Id = 1;
    public const int Level = 2;

    /// <summary>The answer to <c>POST /api/v1/login/access-token</c>.</summary>
    public static LoginAnswer Login(string token, string user) =>
        new(token, "bearer", SuperUser: true, UserId: Id, UserName: user, Avatar: null, Level: Level, Permissions: new JsonObject());

    /// <summary>The answer to <c>GET /api/v1/user/current</c>.</summary>
    public static CurrentUser Current(string user) =>
        new(Id, user, Email: null, IsActive: true, IsSuperuser: true, Avatar: null, IsOtp: false, Permissions: new JsonObject(), Settings: new JsonObject());
}

/// <summary>MoviePilot's token answer: the bearer token and who it belongs to (the client keeps these after login).</summary>
public sealed record LoginAnswer(string AccessToken, string TokenType, bool SuperUser, int UserId, string UserName, string? Avatar, int Level,
    JsonObject Permissions);

/// <summary>MoviePilot's user record (its <c>User</c> schema without the password).</summary>
public sealed record CurrentUser(int Id, string Name, string? Email, bool IsActive, bool IsSuperuser, string? Avatar, bool IsOtp,
    JsonObject Permissions, JsonObject Settings);

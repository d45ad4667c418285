namespace Plugin.Host.Api.MoviePilot;

/// <summary>
/// What MoviePilot's own web frontend (jxxghp/MoviePilot-Frontend, served with <c>Host:WebRoot</c>) calls beyond the
/// plugin API: its user, per-user UI settings, the shell's system and dashboard answers, the message stream and the
/// icons under <c>/plugin_icon/</c>. README.md, "MoviePilot's web frontend", lists them.
/// </summary>
public static class MoviePilotEndpoints
{
    /// <param name="app">Where <c>/plugin_icon/...</c> goes (beside the site, not under the API).</param>
    /// <param name="api">The <c>/api/v1</c> group, for what is asked without a token.</param>
    /// <param name="managed">The group that needs a token or the API key.</param>
    public static void MapMoviePilotFrontend(this IEndpointRouteBuilder app, RouteGroupBuilder api, RouteGroupBuilder managed)
    {
        UserEndpoints.MapUserPublic(api);
        UserEndpoints.MapUser(managed);
        ShellEndpoints.MapShellPublic(api);
        ShellEndpoints.MapShell(managed);
        SystemMessageStream.Map(api);
        ShellEndpoints.MapPluginIconFiles(app);
    }
}

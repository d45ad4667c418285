using Plugin.Host.Hosting;
using Plugin.Host.Packages;
using Microsoft.Extensions.Options;
using Plugin.Host.Market;
using Plugin.Host.Runtime;
using Plugin.Host.Security;

namespace Plugin.Host.Api.MoviePilot;

/// <summary>
/// What MoviePilot's web client asks on every page besides plugins: global settings, system settings, the login
/// wallpapers, the dashboard's media and storage figures, install counts. The host has no media library, no system
/// settings and no wallpapers, so most answers are the empty shape the client expects (documented in README.md):
/// a page then shows "nothing" instead of breaking on a 404.
/// </summary>
public static class ShellEndpoints
{
    /// <summary>Asked before login (the client loads global settings at start-up, wallpapers on the login page) or by an
    /// <c>img</c> tag, which sends no credentials.</summary>
    public static void MapShellPublic(RouteGroupBuilder api)
    {
        api.MapGet("/system/global", () => ShellAnswers.Ok(GlobalSettings))
            .WithTags("system").WithSummary("Global settings the web client reads at start-up").AllowAnonymous();
        api.MapGet("/login/wallpapers", () => TypedResults.Ok(Array.Empty<string>()))
            .WithTags("login").WithSummary("Login page wallpapers: none on this host").AllowAnonymous();
        api.MapGet("/login/wallpaper", () => ShellAnswers.Declined("This host has no login wallpaper."))
            .WithTags("login").WithSummary("The login page wallpaper: none on this host").AllowAnonymous();
        // The client shows an icon given as a URL through this image proxy. The host fetches nothing for a browser
        // (no server-side requests to arbitrary addresses): it sends the browser to the image itself.
        api.MapGet("/system/img/{proxy}", (string proxy, string? imgurl) =>
                Uri.TryCreate(imgurl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
                    ? Results.Redirect(url.AbsoluteUri)
                    : throw new PluginError(PluginErrorKind.Invalid, $"imgurl must be an absolute http(s) URL; got '{imgurl}'."))
            .WithTags("system").WithSummary("An image by URL: redirects the browser to it").AllowAnonymous();
    }

    public static void MapShell(RouteGroupBuilder managed)
    {
        managed.MapGet("/system/setting/{key}", (string key) => ShellAnswers.Ok(new { value = (object?)null }))
            .WithTags("system").WithSummary("A system setting: none is kept on this host, so value is null");
        managed.MapPost("/system/setting/{key}", (string key) => ShellAnswers.Declined($"This host keeps no system setting '{key}'."))
            .WithTags("system").WithSummary("Save a system setting: not available");
        managed.MapPost("/message/webpush/subscribe", () => ShellAnswers.Declined("This host sends no web push notifications."))
            .WithTags("message").WithSummary("Subscribe a browser to web push: not available");

        managed.MapGet("/dashboard/statistic", () => TypedResults.Ok(new MediaStatistic(0, 0, 0, 1)))
            .WithTags("dashboard").WithSummary("Media counts: the host has no media library, so 0 (and its one user)");
        managed.MapGet("/dashboard/storage", (HostPaths paths) => TypedResults.Ok(StorageOf(paths.DataDir)))
            .WithTags("dashboard").WithSummary("Size and use of the disk holding Host:DataDir, in bytes");

        // A literal segment outranks plugin/{id} in ASP.NET Core's routing, so this is never read as a plugin's config.
        managed.MapGet("/plugin/statistic", () => TypedResults.Ok(new Dictionary<string, int>()))
            .WithTags("plugins").WithSummary("Install counts {plugin_id: count}: the market keeps none, so {}");
    }

    /// <summary><c>/plugin_icon/{id}/{file}</c>, where the client looks for <c>plugin_icon</c> (relative to its page, so
    /// at the site root when the host serves it): anonymous, as <c>img</c> tags send no credentials.</summary>
    public static void MapPluginIconFiles(IEndpointRouteBuilder app) =>
        app.MapGet("/plugin_icon/{id}/{file}", (string id, string file, PluginCatalog catalog, IPluginAssets assets, CancellationToken ct) =>
                PluginIcons.ServeAsync(id, file, catalog, assets, ct))
            .WithTags("plugins").WithSummary("A plugin's icon under the name its plugin_icon gives").AllowAnonymous();

    /// <summary>The keys the client reads: image addresses and the recognition source it preselects.</summary>
    private static readonly Dictionary<string, object> GlobalSettings = new()
    {
        ["TMDB_IMAGE_DOMAIN"] = "image.tmdb.org",
        ["GLOBAL_IMAGE_CACHE"] = false,
        ["RECOGNIZE_SOURCE"] = "themoviedb",
    };

    private static StorageFigures StorageOf(string dataDir)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(dataDir));
            return new StorageFigures(drive.TotalSize, drive.TotalSize - drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new StorageFigures(0, 0);
        }
    }
}

/// <summary>MoviePilot's media counts of the dashboard.</summary>
public sealed record MediaStatistic(int MovieCount, int TvCount, int EpisodeCount, int UserCount);

/// <summary>MoviePilot's storage figures of the dashboard, in bytes.</summary>
public sealed record StorageFigures(long TotalStorage, long UsedStorage);

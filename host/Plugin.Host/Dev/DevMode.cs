using Microsoft.Extensions.DependencyInjection.Extensions;
using Plugin.Host.Api;
using Plugin.Host.Hosting;
using Plugin.Host.Packages;
using Plugin.Host.Security;
using Plugin.Host.Web;

namespace Plugin.Host.Dev;

/// <summary>
/// <c>Plugin.Host dev &lt;plugin project&gt; [host options]</c> (<c>plugin-host dev ...</c> as a tool): the host as usual
/// (every <c>Host:</c> key and <c>--urls</c> apply) plus the dev loop on one plugin project (<see cref="DevLoop"/>), its
/// builds packed into <c>&lt;DataDir&gt;/dev/feed</c>, the first of the host's feeds, and <c>/api/v1/dev</c> for the web UI.
/// </summary>
public static class DevMode
{
    public const string Command = "dev";

    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args[0].StartsWith('-'))
        {
            await error.WriteLineAsync("""
                Usage: Plugin.Host dev <plugin project (.csproj) or its folder> [host options]
                Starts the host, builds and installs the plugin, and on every save rebuilds it and swaps it in the running
                host (config and data kept). Host options as for the server, e.g. --urls http://localhost:3001 --Host:DataDir=./data
                """);
            return args.Length > 0 && args[0] is "-h" or "--help" ? 0 : 2;
        }
        DevProject project;
        try { project = DevProject.Resolve(args[0]); }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync("dev: " + e.Message);
            return 2;
        }
        var app = HostApplication.Build(args[1..], builder => AddDevMode(builder, project));
        MapDevEndpoints(app);
        await app.RunAsync();
        return 0;
    }

    private static void AddDevMode(WebApplicationBuilder builder, DevProject project)
    {
        var paths = HostPaths.From(builder.Configuration);
        var feed = Path.Combine(paths.DataDir, "dev", "feed");
        // A fresh feed per run: it only ever holds the build being installed.
        if (Directory.Exists(feed))
            Directory.Delete(feed, recursive: true);
        var options = ServiceCollectionExtensions.CreateOptions(builder.Configuration);
        var sdkFeeds = options.Feeds.Where(f => Directory.Exists(f) && Directory.EnumerateFiles(f, "Plugin.Sdk.*.nupkg").Any()).ToList();
        // The dev feed first: the installer takes a version from the first feed that has it.
        options.Feeds.Insert(0, feed);
        builder.Services.Replace(ServiceDescriptor.Singleton(options));

        builder.Services.AddSingleton(project);
        builder.Services.AddSingleton(new DevBuilder(project, feed, sdkFeeds));
        builder.Services.AddSingleton(new DevEvents(project.ProjectFile));
        builder.Services.AddSingleton<DevConsole>();
        builder.Services.AddHostedService<DevLoop>();
    }

    /// <summary><c>GET /api/v1/dev</c> (the loop's state and last build) and <c>GET /api/v1/dev/events</c> (server-sent
    /// events the web UI reloads on); a host not in dev mode answers 404 to both.</summary>
    private static void MapDevEndpoints(WebApplication app)
    {
        var dev = app.MapGroup("/api/v1/dev").AddEndpointFilter<ErrorFilter>().RequireAuthorization(HostPolicies.User).ProducesErrors().WithTags("dev");
        dev.MapGet("", (DevEvents events) => TypedResults.Ok(events.Current));
        dev.MapGet("/events", (DevEvents events, HttpContext context) =>
            TypedResults.ServerSentEvents(events.SubscribeAsync(context.RequestAborted)));
    }
}

using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Plugin.Host.Api;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Host.Scheduling;
using Plugin.Host.Security;
using Plugin.Host.Storage;
using Plugin.Indexer;
using Plugin.Indexer.Api;
using Plugin.Music;
using Plugin.Music.Api;
using Quartz;

namespace Plugin.Host.Web;

/// <summary>
/// Builds the host: configuration (DESIGN §7), services, endpoints. <see cref="Program"/> runs it; tests and benchmarks
/// build the same application with their own data folder, feed and loopback port.
/// </summary>
public static class HostApplication
{
    public const string DefaultUrl = "http://localhost:3001";

    /// <param name="args">Command line, e.g. <c>--urls</c>, <c>--Host:DataDir=...</c>.</param>
    /// <param name="configureServices">Runs after the host's registrations (tests replace services here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // --urls / ASPNETCORE_URLS win; otherwise the documented default.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);

        AddHostServices(builder.Services, builder.Configuration);
        configureServices?.Invoke(builder);

        var app = builder.Build();
        MapHost(app);
        return app;
    }

    public static void AddHostServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HostSettings>(configuration.GetSection(HostSettings.Section));
        services.Configure<RuntimeOptions>(configuration.GetSection(RuntimeOptions.Section));
        services.ConfigureHttpJsonOptions(o => HostJson.Configure(o.SerializerOptions));

        // Market, installer and loader (host/Plugin.Host/Packages).
        services.AddPluginPackages(configuration);

        services.AddSingleton(sp => new HostDatabase(Path.GetFullPath(sp.GetRequiredService<IOptions<HostSettings>>().Value.DataDir)));
        services.AddSingleton<HostSecrets>(sp => new HostSecrets(sp.GetRequiredService<IOptions<HostSettings>>(), sp.GetRequiredService<HostDatabase>()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton(sp => new JwtTokens(sp.GetRequiredService<HostSecrets>().SigningKey, sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromMinutes(Math.Max(1, sp.GetRequiredService<IOptions<HostSettings>>().Value.TokenLifetimeMinutes))));
        // The bearer and API-key schemes and the policies the endpoints name (HostPolicies).
        services.AddHostAuthentication();
        services.AddSingleton<MessageOutbox>();
        services.AddHybridCache();

        services.AddSingleton<PluginCatalog>();
        services.AddSingleton<CallMarkers>();
        services.AddSingleton<PluginInvoker>();
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        // Indexer engine (host/Plugin.Indexer): built-in sites in <DataDir>/sites plus the sites plugins add.
        services.AddIndexer(configuration);
        services.AddSingleton<IIndexerRegistryProvider, SiteRegistryProvider>();
        // Music sources (host/Plugin.Music): MusicFree JavaScript plugins in <DataDir>/music.
        services.AddMusicSources();
        // ... and the C# music sources of installed plugin packages, while their plugin is active.
        services.AddSingleton<IPluginLifecycleListener, PluginMusicSources>();
        services.AddSingleton<StorageRegistry>();
        services.AddSingleton<ServiceRunner>();
        services.AddSingleton<PluginScheduler>();
        services.AddSingleton<IPluginLifecycleListener>(sp => sp.GetRequiredService<PluginScheduler>());
        services.AddSingleton<PluginManager>();
        services.AddSingleton<PluginFeatures>();
        services.AddSingleton<MessageRouter>();

        // Quartz keeps schedulers in a process-wide repository by name: a unique name lets two hosts share a process
        // (tests restart the host over the same data folder).
        var schedulerName = new SchedulerName("plugin-host-" + Guid.NewGuid().ToString("N")[..8]);
        services.AddSingleton(schedulerName);
        services.AddQuartz(schedulerName.Value, q =>
        {
            q.UseInMemoryStore(_ => { });
            q.UseDefaultThreadPool(16);
        });
        services.AddQuartzHostedService(schedulerName.Value, o => o.WaitForJobsToComplete = false);
        services.AddHostedService<PluginStartup>();

        services.AddHttpClient(PluginManager.HttpClientName, (sp, client) =>
            {
                var http = sp.GetRequiredService<IOptions<HostSettings>>().Value.Http;
                client.Timeout = TimeSpan.FromSeconds(Math.Max(1, http.TimeoutSeconds));
                client.DefaultRequestHeaders.UserAgent.ParseAdd(http.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var proxy = sp.GetRequiredService<IOptions<HostSettings>>().Value.Http.Proxy;
                return new SocketsHttpHandler
                {
                    Proxy = string.IsNullOrWhiteSpace(proxy) ? null : new WebProxy(proxy),
                    UseProxy = !string.IsNullOrWhiteSpace(proxy),
                    AutomaticDecompression = DecompressionMethods.All,
                };
            });

        services.AddOpenApi(o => o.AddDocumentTransformer<PluginApiDocumentTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddProblemDetails();
    }

    public static void MapHost(WebApplication app)
    {
        app.UseStatusCodePages();
        MapWebUi(app);
        // After the web UI's static files (served to everyone) and before the endpoints, whose policies it applies.
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapDocs();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapGet("/api/v1/health", () => Results.Json(new { status = "ok" })).WithTags("host").AllowAnonymous();

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ErrorFilter>();
        api.MapLogin();
        api.MapPluginIcons();
        var managed = api.MapGroup("").RequireAuthorization(HostPolicies.User);
        managed.MapPluginManagement();
        managed.MapPluginRemotes();
        // Anonymous at the route: each plugin API's own policy is applied per request (PluginApiEndpoints).
        app.MapPluginApis();

        // The engines map their own /api/v1/... paths; the empty-prefix group puts them behind the host's auth and the
        // host's error mapping, so an error escaping an engine endpoint gets the same envelope and status as the host's.
        var engines = app.MapGroup("").AddEndpointFilter<ErrorFilter>().RequireAuthorization(HostPolicies.User);
        engines.MapIndexerEndpoints();
        engines.MapMusicEndpoints();
    }

    // The web UI (web/dist) when it is there: Host:WebRoot, or ./web/dist from the working folder.
    private static void MapWebUi(WebApplication app)
    {
        var root = app.Configuration["Host:WebRoot"];
        root = string.IsNullOrWhiteSpace(root) ? Path.GetFullPath("web/dist") : Path.GetFullPath(root);
        if (!File.Exists(Path.Combine(root, "index.html")))
            return;
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl =
                c.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
    }
}

/// <summary>Healthy when the SQLite file answers.</summary>
public sealed class DatabaseHealthCheck(HostDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            database.Scalar("SELECT 1");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The database does not answer.", e));
        }
    }
}

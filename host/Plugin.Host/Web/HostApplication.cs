using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Plugin.Host.Api;
using Plugin.Host.Api.MoviePilot;
using Plugin.Host.Cluster;
using Plugin.Host.Cluster.Redis;
using Plugin.Host.Hosting;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Host.Scheduling;
using Plugin.Host.Security;
using Plugin.Host.Storage;
using Plugin.Host.Telemetry;
using Plugin.Host.Workers;
using Plugin.Host.Workers.Supervision;
using Plugin.Indexer.Api;
using Plugin.Music.Api;

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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot(args) });
        // Request logging (Microsoft.AspNetCore.* at Information: two lines, ~740 bytes, per request), Quartz's scheduler
        // internals and ASP.NET Core's start-up lines (the start-up banner says it better) stay off unless a configuration
        // source turns them on; these defaults sit under all of them (appsettings, environment, command line).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                ["Logging:LogLevel:Quartz"] = "Warning",
            },
        });
        // --urls / ASPNETCORE_URLS win; otherwise the documented default.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);

        AddHostServices(builder.Services, builder.Configuration);
        configureServices?.Invoke(builder);

        var app = builder.Build();
        // The database first: an unreachable server or a bad Host:Database setting stops start-up here with a
        // HostStartupException naming the key, not at the first request.
        try
        {
            app.Services.GetRequiredService<HostDatabase>();
        }
        catch (HostStartupException)
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        MapHost(app);
        return app;
    }

    /// <summary>The host's own folder (where its appsettings.json is), whatever folder it was started from, unless
    /// <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c> names another. Relative data paths
    /// (<c>Host:DataDir</c>, <c>Host:Feeds</c>, <c>Host:WebRoot</c>) still resolve against the working folder.</summary>
    private static string? ContentRoot(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build()[WebHostDefaults.ContentRootKey];
        return string.IsNullOrWhiteSpace(given) ? AppContext.BaseDirectory : null;
    }

    public static void AddHostServices(IServiceCollection services, IConfiguration configuration)
    {
        // Host:DataDir is resolved here once; every module gets its folders from HostPaths.
        var paths = HostPaths.From(configuration);
        services.Configure<HostSettings>(configuration.GetSection(HostSettings.Section));
        services.Configure<RuntimeOptions>(configuration.GetSection(RuntimeOptions.Section));
        services.ConfigureHttpJsonOptions(o => HostJson.Configure(o.SerializerOptions));

        // Market, installer and loader (host/Plugin.Host/Packages).
        services.AddPluginPackages(configuration);
        services.AddPluginWorkers(configuration);

        services.AddSingleton(paths);
        // Host:Database (SQLite by default, or PostgreSQL): opened and migrated once, when Build resolves it.
        services.AddSingleton(sp => new HostDatabase(configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(),
            sp.GetRequiredService<HostPaths>().DataDir, sp.GetRequiredService<ILoggerFactory>().CreateLogger<HostDatabase>()));
        services.AddSingleton<HostSecrets>(sp => new HostSecrets(sp.GetRequiredService<IOptions<HostSettings>>(), sp.GetRequiredService<HostDatabase>()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton(sp => new JwtTokens(sp.GetRequiredService<HostSecrets>().SigningKey, sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromMinutes(Math.Max(1, sp.GetRequiredService<IOptions<HostSettings>>().Value.TokenLifetimeMinutes))));
        // The bearer and API-key schemes and the policies the endpoints name (HostPolicies).
        services.AddHostAuthentication();
        services.AddSingleton<MessageOutbox>();
        services.AddSingleton<UserConfigStore>();
        services.AddHybridCache();
        // Several hosts on one Redis (Host:Redis; Cluster/Redis): cache L2, events and messages across hosts. Off without it.
        services.AddHostRedis(configuration);

        services.AddSingleton<PluginCatalog>();
        // Spans, metrics and the stats store; exporters per Host:Telemetry (Telemetry/TelemetrySetup.cs).
        services.AddHostTelemetry(configuration);
        services.AddSingleton<CallMarkers>();
        services.AddSingleton<PluginInvoker>();
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        // The outbound HTTP policy (Host:Http) and the plugins' client under it.
        services.AddOutboundHttp(configuration);
        // Indexer and music engines with their options mapped from Host:* (Hosting/EngineOptions.cs), and the C# music
        // sources of installed plugin packages while their plugin is active.
        services.AddPluginEngines(configuration);
        services.AddSingleton<StorageRegistry>();
        services.AddSingleton(HostTimeZone.From(configuration));
        services.AddSingleton<ServiceRunner>();
        services.AddSingleton<PluginScheduler>();
        services.AddSingleton<IPluginLifecycleListener>(sp => sp.GetRequiredService<PluginScheduler>());
        services.AddSingleton<RuntimeJobRegistry>();
        services.AddSingleton<RuntimeJobs>();
        services.AddSingleton<IPluginLifecycleListener>(sp => sp.GetRequiredService<RuntimeJobs>());
        // Services plugins offer each other (Context.Plugins); withdrawn when their plugin stops.
        services.AddSingleton<PluginServiceRegistry>();
        services.AddSingleton<IPluginLifecycleListener>(sp => sp.GetRequiredService<PluginServiceRegistry>());
        // The host's records (Context.Records): fed by every dispatched event and by source plugins.
        services.AddSingleton<IHostRecordStore, HostRecordStore>();
        services.AddSingleton<HostRecordBook>();
        services.AddSingleton<IHostEventObserver>(sp => sp.GetRequiredService<HostRecordBook>());
        services.AddSingleton<IPluginLifecycleListener>(sp => sp.GetRequiredService<HostRecordBook>());
        services.AddSingleton<PluginContextFactory>();
        services.AddSingleton<PluginUnloads>();
        services.AddSingleton<PluginManager>();
        services.AddSingleton<PluginConfigService>();
        // After the other listeners: they may still read the plugin's state while it is being removed.
        services.AddSingleton<IPluginLifecycleListener, PluginDataCleanup>();
        services.AddSingleton<PluginFeatures>();
        // Where plugins run: in-process or in worker processes (Workers/README.md).
        services.AddPluginIsolation(configuration);
        services.AddSingleton<MessageRouter>();

        // Quartz: in memory, or clustered on PostgreSQL with Host:Database:Provider=postgres (Scheduling/SchedulerSetup.cs).
        services.AddHostScheduler(configuration);
        services.AddSingleton<PluginStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<PluginStartup>());
        // Several hosts on one PostgreSQL: installs and config changes follow each other (Cluster/).
        services.AddHostCluster(configuration);

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<PluginApiDocumentTransformer>();
            o.AddDocumentTransformer<OpenApiSecurity>();
            o.AddOperationTransformer<OpenApiSecurity>();
            o.AddSchemaTransformer<MusicSchemaNames>();
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddProblemDetails();
    }

    public static void MapHost(WebApplication app)
    {
        app.UseStatusCodePages();
        // Host:Limits: an oversized body is refused before anything reads it.
        app.UseRequestLimits();
        MapWebUi(app);
        // After the web UI's static files (served to everyone) and before the endpoints, whose policies it applies.
        app.UseAuthentication();
        app.UseAuthorization();

        // It lists every installed plugin's API: callers with credentials only, unless Host:OpenApi:Anonymous.
        var openApi = app.MapOpenApi(DocsPage.DocumentRoute);
        if (app.Services.GetRequiredService<IOptions<HostSettings>>().Value.OpenApi.Anonymous)
            openApi.AllowAnonymous();
        else
            openApi.RequireAuthorization(HostPolicies.User);
        app.MapDocs();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapTelemetry();
        app.MapGet("/api/v1/health", () => TypedResults.Ok(new Api.Contracts.HealthStatus("ok"))).WithTags("host").AllowAnonymous();

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ErrorFilter>();
        api.MapLogin();
        api.MapPluginIcons();
        var managed = api.MapGroup("").RequireAuthorization(HostPolicies.User).ProducesErrors();
        managed.MapPluginManagement();
        managed.MapPluginRemotes();
        managed.MapStats();
        // What MoviePilot's own web frontend calls besides the plugin API (Api/MoviePilot).
        app.MapMoviePilotFrontend(api, managed);
        // Anonymous at the route: each plugin API's own policy is applied per request (PluginApiEndpoints).
        app.MapPluginApis();

        // The engines map their own /api/v1/... paths; the empty-prefix group puts them behind the host's auth and the
        // host's error mapping, so an error escaping an engine endpoint gets the same envelope and status as the host's.
        var engines = app.MapGroup("").AddEndpointFilter<ErrorFilter>().RequireAuthorization(HostPolicies.User).ProducesErrors();
        engines.MapIndexerEndpoints();
        engines.MapMusicEndpoints();
    }

    // The web UI when it is there: Host:WebRoot, or the wwwroot a published host carries (HostPaths.DefaultWebRoot).
    private static void MapWebUi(WebApplication app)
    {
        var root = app.Services.GetRequiredService<HostPaths>().WebRoot;
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

/// <summary>Healthy when the host database (SQLite or PostgreSQL) answers.</summary>
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

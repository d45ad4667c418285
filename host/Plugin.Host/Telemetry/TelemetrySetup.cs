using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Plugin.Music.Runtime;

namespace Plugin.Host.Telemetry;

/// <summary><c>Host:Telemetry</c>: where the host's traces, metrics and logs go. Everything is off by default; the
/// stats page (<see cref="PluginStats"/>) works either way.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Host:Telemetry";

    /// <summary>Serve the metrics for Prometheus to scrape at <see cref="PrometheusPath"/> (anonymous, like
    /// <c>/health</c>: turn it on where the port is not public, or put the scrape behind a proxy).</summary>
    public bool Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>An OTLP collector (e.g. <c>http://localhost:4317</c>): traces, metrics and logs are pushed there.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317) or <c>http</c> (http/protobuf, port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> the host reports.</summary>
    public string ServiceName { get; set; } = "plugin-host";

    public static TelemetryOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
}

/// <summary>Registers the host's instruments, the stats store and, when <c>Host:Telemetry</c> asks for an exporter,
/// OpenTelemetry with ASP.NET Core, HttpClient and runtime instrumentation.</summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddHostTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<PluginTelemetry>();
        services.AddSingleton<PluginStats>();

        var options = TelemetryOptions.From(configuration);
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out otlp))
            throw new InvalidOperationException($"Host:Telemetry:OtlpEndpoint: '{options.OtlpEndpoint}' is not an absolute URL (e.g. http://localhost:4317).");
        // No exporter, no SDK: nothing would read what it collects.
        if (!options.Prometheus && otlp is null)
            return services;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithMetrics(m =>
            {
                m.AddMeter(PluginTelemetry.Name, MusicTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                // No response cache (the exporter's default is 300 ms): a scrape sees every call made before it.
                if (options.Prometheus)
                    m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(t => t.AddSource(PluginTelemetry.Name, MusicTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation())
                // The plugin id of a call's log scope (PluginLogScope) becomes an attribute of each log record.
                .WithLogging(_ => { }, o => o.IncludeScopes = true)
                .UseOtlpExporter(Protocol(options.OtlpProtocol), otlp);
        }
        return services;
    }

    /// <summary>Starts the stats store, and maps the scrape endpoint when <c>Host:Telemetry:Prometheus</c> is on (otherwise
    /// the path is simply not mapped: 404).</summary>
    public static void MapTelemetry(this WebApplication app)
    {
        // The stats store listens from start-up: resolved on the first GET /stats, it would miss every call before it.
        app.Services.GetRequiredService<PluginStats>();
        var options = TelemetryOptions.From(app.Configuration);
        if (options.Prometheus)
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
    }

    private static OtlpExportProtocol Protocol(string name) => name.Trim().ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"Host:Telemetry:OtlpProtocol: '{name}' is neither 'grpc' nor 'http'."),
    };
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Plugin.Host.Telemetry;

/// <summary>The outcome tag of a call, a run or an install. Failures are the plugin's (<see cref="Error"/>,
/// <see cref="Timeout"/>); a <see cref="Rejected"/> call was the caller's mistake (bad arguments) and a
/// <see cref="Cancelled"/> one was given up by its caller.</summary>
public static class CallOutcome
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Timeout = "timeout";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string Skipped = "skipped";

    public static bool IsFailure(string? outcome) => outcome is Error or Timeout;
}

/// <summary>
/// The host's own spans and metrics (issue 19 point 5): every call into plugin code (<see cref="Runtime.PluginInvoker"/>,
/// the one door), every service run and every install or update, each tagged with <c>plugin_id</c>. The meter comes from
/// the host's <see cref="IMeterFactory"/>, so two hosts in one process (tests) keep their measurements apart;
/// <see cref="PluginStats"/> and the OpenTelemetry exporters (<see cref="TelemetrySetup"/>) read the same instruments.
/// </summary>
public sealed class PluginTelemetry
{
    /// <summary>The name of the host's <see cref="ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Plugin.Host";

    /// <summary>Seconds per call into plugin code; tags <c>plugin_id</c>, <c>extension_point</c>, <c>outcome</c>.</summary>
    public const string CallDuration = "plugin.call.duration";

    /// <summary>Seconds per service run; tags <c>plugin_id</c>, <c>service_id</c>, <c>outcome</c> (ok, error, skipped).</summary>
    public const string ServiceRunDuration = "plugin.service.run.duration";

    /// <summary>Seconds per install or update (download, verification, extraction, load); tags <c>plugin_id</c>,
    /// <c>operation</c> (install, update), <c>outcome</c>.</summary>
    public const string InstallDuration = "plugin.install.duration";

    public static readonly ActivitySource Source = new(Name, typeof(PluginTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Histogram<double> _calls;
    private readonly Histogram<double> _serviceRuns;
    private readonly Histogram<double> _installs;

    /// <summary>Bucket bounds in seconds for the histograms (the exporters' default bounds are meant for milliseconds and
    /// would put every call in the first bucket): ASP.NET Core's request bounds, stretched to a minute for jobs and installs.</summary>
    public static readonly IReadOnlyList<double> Seconds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];

    public PluginTelemetry(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds };
        _calls = Meter.CreateHistogram(CallDuration, "s", "Duration of calls into plugin code", tags: null, advice);
        _serviceRuns = Meter.CreateHistogram(ServiceRunDuration, "s", "Duration of plugin service runs", tags: null, advice);
        _installs = Meter.CreateHistogram(InstallDuration, "s", "Duration of plugin installs and updates", tags: null, advice);
    }

    /// <summary>This host's meter (<see cref="PluginStats"/> listens to its instruments only).</summary>
    public Meter Meter { get; }

    /// <summary>Starts the span and the clock of a call into plugin code; dispose the result when the call ends.</summary>
    public TimedOperation StartCall(string pluginId, string operation)
    {
        var point = ExtensionPoints.Of(operation);
        var activity = Source.StartActivity("plugin " + point);
        if (activity is not null)
        {
            activity.SetTag("plugin_id", pluginId);
            activity.SetTag("plugin.extension_point", point);
            activity.SetTag("plugin.operation", operation);
        }
        return new TimedOperation(_calls, activity, [new("plugin_id", pluginId), new("extension_point", point)]);
    }

    /// <summary>Starts the span and the clock of an install (<paramref name="update"/>: the plugin was installed already).</summary>
    public TimedOperation StartInstall(string pluginId, bool update)
    {
        var operation = update ? "update" : "install";
        var activity = Source.StartActivity("plugin " + operation);
        activity?.SetTag("plugin_id", pluginId);
        return new TimedOperation(_installs, activity, [new("plugin_id", pluginId), new("operation", operation)]);
    }

    /// <summary>Starts the span and the clock of a service run.</summary>
    public TimedOperation StartServiceRun(string pluginId, string serviceId, string reason)
    {
        var activity = Source.StartActivity("plugin service run");
        if (activity is not null)
        {
            activity.SetTag("plugin_id", pluginId);
            activity.SetTag("plugin.service_id", serviceId);
            activity.SetTag("plugin.service_reason", reason);
        }
        return new TimedOperation(_serviceRuns, activity, [new("plugin_id", pluginId), new("service_id", serviceId)]);
    }

    /// <summary>One timed operation: its span and its histogram entry with an <c>outcome</c> tag, written once, on
    /// <see cref="End"/> or (as <see cref="CallOutcome.Error"/> when nothing said otherwise) on dispose.</summary>
    public sealed class TimedOperation(Histogram<double> histogram, Activity? activity, KeyValuePair<string, object?>[] tags) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _ended;

        public void End(string outcome, Exception? error = null)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
                return;
            var elapsed = Stopwatch.GetElapsedTime(_started);
            if (activity is not null)
            {
                activity.SetTag("outcome", outcome);
                if (CallOutcome.IsFailure(outcome))
                {
                    activity.SetStatus(ActivityStatusCode.Error, error?.Message ?? outcome);
                    if (error is not null)
                        activity.AddException(error);
                }
                activity.Dispose();
            }
            KeyValuePair<string, object?>[] all = [.. tags, new("outcome", outcome)];
            histogram.Record(elapsed.TotalSeconds, all);
        }

        public void Dispose() => End(CallOutcome.Error);
    }
}

/// <summary>
/// The extension point of a call, from the operation text its call site gives <see cref="Runtime.PluginInvoker"/>
/// ("API /hello", "event handler OnX (type)", "service sync", ...). Classified here, once, so the call sites keep their
/// readable texts for logs and errors while metrics get a short, bounded tag (an API path or a service id would make a
/// new time series per value). A new kind of call adds its prefix below; unknown texts count as <c>other</c>.
/// </summary>
public static class ExtensionPoints
{
    private static readonly (string Prefix, string Point)[] Prefixes =
    [
        ("API ", "api"),
        ("command ", "command"),
        ("event handler ", "event"),
        ("chain handler ", "chain"),
        ("declared sources", "chain"),
        ("service ", "service"),
        ("dashboard", "dashboard"),
        ("page", "page"),
        ("form", "form"),
        ("workflow action ", "workflow"),
        ("module override ", "module"),
        ("message action ", "message"),
        ("config check", "config"),
        ("create", "lifecycle"),
        ("initialise", "lifecycle"),
        ("stop", "lifecycle"),
    ];

    public static string Of(string operation)
    {
        foreach (var (prefix, point) in Prefixes)
            if (operation.StartsWith(prefix, StringComparison.Ordinal))
                return point;
        return "other";
    }
}

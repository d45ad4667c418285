using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Plugin.Music.Runtime;

/// <summary>
/// The music engine's spans and metrics: one span and one duration measurement per call into a music source (JavaScript or
/// C#), tagged with the source's platform as <c>plugin_id</c>. Plain <see cref="System.Diagnostics"/> types, so the engine
/// needs no telemetry package; the host subscribes to <see cref="Name"/> (host/Plugin.Host/Telemetry).
/// </summary>
public static class MusicTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Plugin.Music";

    /// <summary>Seconds per call, tagged <c>plugin_id</c>, <c>function</c>, <c>kind</c> (js, clr) and <c>outcome</c>.</summary>
    public const string CallDuration = "plugin.music.call.duration";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    // Bounds in seconds (the exporters' defaults are meant for milliseconds); the same as the host's plugin calls.
    private static readonly Histogram<double> Calls = Meter.CreateHistogram(CallDuration, "s", "Duration of calls into music sources", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60] });

    /// <summary>Starts the span of a call (null when nobody listens).</summary>
    public static Activity? Start(IMusicSourceRuntime runtime, string function)
    {
        var activity = Source.StartActivity("music " + function);
        activity?.SetTag("plugin_id", runtime.Manifest.Platform);
        activity?.SetTag("music.function", function);
        activity?.SetTag("music.kind", KindTag(runtime.Kind));
        return activity;
    }

    /// <summary>Ends a call: its outcome on the span, its duration in the histogram.</summary>
    public static void Record(IMusicSourceRuntime runtime, string function, Activity? activity, TimeSpan elapsed, MusicCallStatus status)
    {
        var outcome = Outcome(status);
        if (activity is not null)
        {
            activity.SetTag("outcome", outcome);
            if (outcome is "error" or "timeout")
                activity.SetStatus(ActivityStatusCode.Error, status.ToString());
            activity.Dispose();
        }
        Calls.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("plugin_id", runtime.Manifest.Platform),
            new KeyValuePair<string, object?>("function", function),
            new KeyValuePair<string, object?>("kind", KindTag(runtime.Kind)),
            new KeyValuePair<string, object?>("outcome", outcome));
    }

    // The host's outcome words (Telemetry/PluginTelemetry.cs): a failure is the plugin's (error, timeout); a refused
    // request (bad arguments, unsupported function) is the caller's and counts as a call, not a failure.
    private static string Outcome(MusicCallStatus status) => status switch
    {
        MusicCallStatus.Ok => "ok",
        MusicCallStatus.TimedOut => "timeout",
        MusicCallStatus.Failed or MusicCallStatus.LimitExceeded => "error",
        _ => "rejected",
    };

    private static string KindTag(MusicSourceKind kind) => kind == MusicSourceKind.JavaScript ? "js" : "clr";
}

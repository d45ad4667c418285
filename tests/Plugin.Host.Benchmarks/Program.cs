using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Runtime;
using Plugin.Host.Tests;
using Plugin.Host.Web;
using Plugin.Sdk;

// Usage: dotnet run -c Release --project tests/Plugin.Host.Benchmarks [-- --seconds 5 --concurrency 16 --events 200000 --out RESULTS.md]
// `-- --only events` measures event dispatch alone and rewrites only its rows of RESULTS.md.
var seconds = Option("--seconds", 5);
var eventsOnly = OptionText("--only", null) == "events";
var concurrency = Option("--concurrency", 16);
var events = Option("--events", 200_000);
var output = OptionText("--out", null) ?? Path.Combine(FindRepoDir(), "tests", "Plugin.Host.Benchmarks", "RESULTS.md");

const string ApiToken = "bench-token";
const string PublishRow = "| broadcast events published (`PublishAsync`, queued on the channel)";
const string UnrecordedRow = "| handler calls completed, events not recorded";
const string AloneNote = "Event dispatch rows measured alone (`-- --only events`)";
const string HandledRow = "| handler calls completed, events recorded";
var root = Directory.CreateTempSubdirectory("host-bench").FullName;
var feed = Path.Combine(root, "feed");
PluginPackages.Pack(feed, "Bench", "1.0.0", PluginPackages.Compile("Bench", "1.0.0", BenchPlugin.Source));

var app = HostApplication.Build(
[
    "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
    "--Host:Admin:Password=bench", $"--Host:ApiToken={ApiToken}", "--Logging:LogLevel:Default=Warning",
]);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
await app.Services.GetRequiredService<PluginManager>().InstallAsync("Bench", null, CancellationToken.None);

if (eventsOnly)
{
    var figures = await MeasureEventsAsync();
    await app.StopAsync();
    await app.DisposeAsync();
    try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    // The event dispatch rows (and a note on them) replace the old ones; the rest of RESULTS.md stays as it was.
    var lines = File.ReadAllLines(output).ToList();
    var at = lines.FindIndex(l => l.StartsWith(PublishRow, StringComparison.Ordinal));
    var end = lines.FindIndex(at, l => l.Length == 0 || !l.StartsWith('|'));
    if (end + 1 < lines.Count && lines[end + 1].StartsWith(AloneNote, StringComparison.Ordinal))
        end += 2;
    lines.RemoveRange(at, end - at);
    lines.InsertRange(at, [.. EventLines(figures), "", $"{AloneNote} {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}."]);
    File.WriteAllLines(output, lines);
    Console.WriteLine($"written {output}");
    return 0;
}

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(address) };
var cases = new (string Name, string Path)[]
{
    ("bare host endpoint `GET /api/v1/health`", "/api/v1/health"),
    ("plugin API, anonymous `GET /api/v1/plugin/Bench/ping`", "/api/v1/plugin/Bench/ping"),
    ("plugin API, API key + 2 bound args `GET /api/v1/plugin/Bench/add?a=1&b=2&apikey=…`", $"/api/v1/plugin/Bench/add?a=1&b=2&apikey={ApiToken}"),
};
var http = new List<(string Name, double Rps, double P50, double P99)>();
foreach (var (name, path) in cases)
{
    await LoadAsync(client, path, concurrency, TimeSpan.FromSeconds(1)); // warm-up: JIT, connections
    var (rps, p50, p99) = await LoadAsync(client, path, concurrency, TimeSpan.FromSeconds(seconds));
    http.Add((name, rps, p50, p99));
    Console.WriteLine($"{name}: {rps:0} req/s (p50 {p50:0.00} ms, p99 {p99:0.00} ms)");
}

// Issue 20: the same plugin API in the host's process and in a worker process, in this run, on this host: the admin's
// per-plugin choice (IsolationPolicy) moves Bench into a worker; each reload into Process mode spawns a new worker.
var isolation = await IsolationBench.RunAsync(app, (path, duration) => LoadAsync(client, path, concurrency, duration), seconds, ApiToken);

// Event dispatch: publish N events in-process; one Bench handler per event; time until every handler call has finished.
// Every TransferComplete is recorded (the event log and the transfer history, host_records in host.db) before its handler runs.
var eventFigures = await MeasureEventsAsync();

await app.StopAsync();
await app.DisposeAsync();

// The invoker alone, without and with crash markers (CallMarkers: a memory write when a plugin's first call starts and its
// last one ends), 16 callers into one plugin: what the marker adds to every call into plugin code.
var invokerCalls = events;
using var markers = new CallMarkers(Path.Combine(root, "markers"));
var plainInvoker = new PluginInvoker(Microsoft.Extensions.Logging.Abstractions.NullLogger<PluginInvoker>.Instance);
var markedInvoker = new PluginInvoker(Microsoft.Extensions.Logging.Abstractions.NullLogger<PluginInvoker>.Instance, markers);
await InvokeManyAsync(plainInvoker, 20_000); // warm-up
await InvokeManyAsync(markedInvoker, 20_000);
var plainMicros = await InvokeManyAsync(plainInvoker, invokerCalls);
var markedMicros = await InvokeManyAsync(markedInvoker, invokerCalls);
Console.WriteLine($"invoker: {plainMicros:0.000} us/call, with crash markers {markedMicros:0.000} us/call");
try { Directory.Delete(root, recursive: true); } catch (IOException) { }

var bare = http[0].Rps;
var report = new StringBuilder();
report.AppendLine("# Plugin.Host benchmark results").AppendLine();
report.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                  $".NET {Environment.Version}), machine shared with other work, Release build, Server GC.");
report.AppendLine($"Method: the real host (Kestrel on 127.0.0.1), a time-bounded in-process HttpClient loop with {concurrency} concurrent " +
                  $"requests for {seconds} s per case after a 1 s warm-up; client and server share the same cores, so absolute numbers are low " +
                  "and the ratio is what matters. Reproduce: `dotnet run -c Release --project tests/Plugin.Host.Benchmarks`.").AppendLine();
report.AppendLine("| case | requests/s | vs bare | p50 ms | p99 ms |").AppendLine("|---|---:|---:|---:|---:|");
foreach (var (name, rps, p50, p99) in http)
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rps:0} | {rps / bare:P0} | {p50:0.00} | {p99:0.00} |");
report.AppendLine().AppendLine("| event dispatch | per second |").AppendLine("|---|---:|");
foreach (var line in EventLines(eventFigures))
    report.AppendLine(line);
report.AppendLine().AppendLine("| invoker call (16 concurrent callers into one plugin) | µs per call |").AppendLine("|---|---:|");
report.AppendLine(CultureInfo.InvariantCulture, $"| without crash markers | {plainMicros:0.000} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| with crash markers (the host's setting) | {markedMicros:0.000} |");
report.AppendLine().AppendLine("What a plugin API call costs on top of a bare endpoint: the catch-all route, manifest lookup, auth check, " +
    "argument binding, the isolated call (thread-pool hop, time-limit token) and serialisation with the SDK's JSON options.");
report.AppendLine();
isolation.Write(report);
File.WriteAllText(output, report.ToString());
Console.WriteLine($"written {output}");
return 0;

// Event dispatch, twice in this run: an event the host does not record (PluginTriggered: the dispatch alone, as before the
// records) and one it records (TransferComplete: the event log and the transfer history in host.db before its handler runs).
async Task<EventFigures> MeasureEventsAsync()
{
    var dispatcher = app.Services.GetRequiredService<EventDispatcher>();
    var plain = new PluginTriggeredEventData { PluginId = "bench" };
    var recorded = new TransferCompleteEventData { Downloader = "bench" };
    await DispatchAsync(dispatcher, EventType.PluginTriggered, plain, 10_000); // warm-up
    await DispatchAsync(dispatcher, EventType.TransferComplete, recorded, 10_000);
    var (unrecorded, _) = await DispatchAsync(dispatcher, EventType.PluginTriggered, plain, events);
    var (handled, published) = await DispatchAsync(dispatcher, EventType.TransferComplete, recorded, events);
    Console.WriteLine($"events: {handled:0} handled/s recorded, {unrecorded:0} handled/s not recorded, publish {published:0}/s");
    return new EventFigures(published, unrecorded, handled);
}

IEnumerable<string> EventLines(EventFigures figures) =>
[
    string.Create(CultureInfo.InvariantCulture, $"{PublishRow} | {figures.Published:0} |"),
    string.Create(CultureInfo.InvariantCulture,
        $"{UnrecordedRow} ({events:N0} `plugin.triggered` events, which the host does not record; one isolated handler call each: thread pool + time limit) | {figures.Unrecorded:0} |"),
    string.Create(CultureInfo.InvariantCulture,
        $"{HandledRow} ({events:N0} `transfer.complete` events, each recorded in host.db first: event log + transfer history, one transaction per batch taken off the queue) | {figures.Recorded:0} ({figures.Recorded / figures.Unrecorded:P0}) |"),
];

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

static async Task<(double Rps, double P50, double P99)> LoadAsync(HttpClient client, string path, int concurrency, TimeSpan duration)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var latencies = new List<double>[concurrency];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var mine = latencies[worker] = new List<double>(100_000);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }));
    clock.Stop();
    var all = latencies.SelectMany(l => l).Order().ToArray();
    return (all.Length / clock.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
}

static async Task<double> InvokeManyAsync(PluginInvoker invoker, int count)
{
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
    {
        for (var i = 0; i < count / 16; i++)
            await invoker.InvokeAsync("Bench", "API /ping", TimeSpan.FromSeconds(60), static _ => ValueTask.FromResult(1));
    })));
    return clock.Elapsed.TotalMilliseconds * 1000 / count;
}

static async Task<(double Handled, double Published)> DispatchAsync(EventDispatcher dispatcher, EventType type, EventData data, int count)
{
    var before = dispatcher.HandlerRuns;
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
        await dispatcher.PublishAsync(type, data);
    var published = clock.Elapsed.TotalSeconds;
    while (dispatcher.HandlerRuns - before < count)
        await Task.Delay(5);
    return (count / clock.Elapsed.TotalSeconds, count / published);
}

int Option(string name, int fallback) => int.TryParse(OptionText(name, null), out var v) ? v : fallback;

string? OptionText(string name, string? fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string FindRepoDir()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Plugin.Sdk.sln")))
            return dir.FullName;
    return Directory.GetCurrentDirectory();
}

sealed record EventFigures(double Published, double Unrecorded, double Recorded);

static class BenchPlugin
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;

        [assembly: PluginManifest(typeof(BenchPlugin.Manifest))]
        namespace BenchPlugin
        {
            public class BenchConfig : PluginConfig { public BenchConfig() { Enabled = true; } }
            public sealed class Bench : PluginBase<BenchConfig>
            {
                public static long Seen;
                internal ValueTask<object> Add(ApiRequest r) =>
                    new ValueTask<object>(new { Sum = Arguments.Required<int>(r, "a") + Arguments.Required<int>(r, "b") });
            }
            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Bench", Name = "Bench", Version = "1.0.0", Create = () => new Bench(), ConfigType = typeof(BenchConfig),
                        Apis = new[]
                        {
                            new ApiDescriptor("/ping", HttpVerb.Get, null, null, ApiAuth.Anonymous, (p, r, ct) => new ValueTask<object>(new { Status = "ok" })),
                            new ApiDescriptor("/add", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Bench)p).Add(r)),
                        },
                        EventHandlers = new[]
                        {
                            new EventHandlerDescriptor(EventType.TransferComplete, "Count", (p, e, ct) => { Interlocked.Increment(ref Bench.Seen); return default; }),
                            new EventHandlerDescriptor(EventType.PluginTriggered, "CountPlain", (p, e, ct) => { Interlocked.Increment(ref Bench.Seen); return default; }),
                        },
                    },
                };
            }
        }
        """;
}

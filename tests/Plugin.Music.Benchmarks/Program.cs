using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Cli;
using Plugin.Music.Runtime;

// A timed benchmark (Stopwatch + process CPU time, medians): plugin load and per-call cost without network, the host's
// sandbox against Node running the same plugin with the real npm packages in the same run, and the ratio. The machine
// is shared, so the CPU time per call (user + system of the whole process over n calls) is the figure to compare;
// wall medians are printed beside it. Writes RESULTS.md beside this file.
// Run: dotnet run -c Release --project tests/Plugin.Music.Benchmarks [-- <max iterations> [<ms budget per measure>]]
var iterations = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200;
var budgetMs = args.Length > 1 && int.TryParse(args[1], out var b) ? b : 3000;
var root = FindRoot();
var benchDir = Path.Combine(root, "tests", "Plugin.Music.Benchmarks");
var pluginFile = Path.Combine(benchDir, "bench-plugin.js");
var code = await File.ReadAllTextAsync(pluginFile);
using var http = MusicCommandLine.CreateHttpClient();
// The code cache a host keeps under its data directory (Music:ScriptCacheDir): the first run fills it, later runs start from it.
var cacheDir = Path.Combine(Path.GetTempPath(), "music-bench-script-cache");
var cacheWarm = Directory.Exists(cacheDir) && Directory.EnumerateFiles(cacheDir).Any();
var options = new MusicSourceOptions { ScriptCacheDir = cacheDir };
var none = new Dictionary<string, string>();
var process = Process.GetCurrentProcess();
double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalMilliseconds; }

if (args.Contains("--first-load"))
{
    // One fresh process's first load, in the host's order (printed as JSON for the parent run): the bundled libraries
    // (the host's start-up warm-up, JsLibraries.Warm), then the first plugin load, which starts V8 (native library,
    // ICU data, the first isolate) in the plugin's own engine, as the host's first load does; with .NET's JIT counts
    // per stage. (Until 2026-12-03 a throw-away engine started V8 first, to time it apart: an isolate the host never
    // makes, ~30 ms CPU of the figure.)
    var stages = new JsonObject();
    var clock = Stopwatch.StartNew();
    double cpuMark = Cpu(), wallMark = 0;
    long jitMark = 0;
    double jitTimeMark = 0;
    void Stage(string name)
    {
        double cpuNow = Cpu(), wallNow = clock.Elapsed.TotalMilliseconds;
        var jitNow = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTimeNow = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
        stages[name] = new JsonObject
        {
            ["wall"] = wallNow - wallMark, ["cpu"] = cpuNow - cpuMark, ["jitMethods"] = jitNow - jitMark, ["jitMs"] = jitTimeNow - jitTimeMark,
        };
        (cpuMark, wallMark, jitMark, jitTimeMark) = (cpuNow, wallNow, jitNow, jitTimeNow);
    }
    cpuMark = Cpu();
    JsLibraries.Warm(cacheDir);
    Stage("libraries");
    using (await JsMusicSource.LoadAsync(code, "bench-plugin.js", options, http, NullLogger.Instance)) Stage("plugin");
    Console.WriteLine(stages.ToJsonString());
    return 0;
}

// Node first, while this process is idle.
var node = RunNode(Path.Combine(benchDir, "bench-node.cjs"), pluginFile, iterations, budgetMs, Path.Combine(root, "host", "Plugin.Music", "js", "node_modules"));

// First load: fresh processes of this benchmark published the way build.sh publishes the host (ReadyToRun), each
// loading the plugin once (--first-load); medians of FirstLoadRuns. Node likewise, a fresh process per run.
const int FirstLoadRuns = 5;
var (firstLoadCommand, firstLoadBuild) = PublishReadyToRun(root, benchDir);
var firstLoads = Enumerable.Range(0, FirstLoadRuns).Select(_ => RunFirstLoad(firstLoadCommand)).ToList();
var nodeFirstLoads = Enumerable.Range(0, FirstLoadRuns)
    .Select(_ => RunNodeFirstLoad(Path.Combine(benchDir, "bench-node.cjs"), pluginFile, Path.Combine(root, "host", "Plugin.Music", "js", "node_modules"))).ToList();
double StageMedian(string stage, string field) => Median(firstLoads.Select(f => f[stage]![field]!.GetValue<double>()).ToList());
double TotalMedian(string field) => Median(firstLoads.Select(f => new[] { "libraries", "plugin" }.Sum(st => f[st]![field]!.GetValue<double>())).ToList());
var firstLoad = (Wall: TotalMedian("wall"), Cpu: TotalMedian("cpu"));
node["firstLoad"] = new JsonObject
{
    ["cpu"] = Median(nodeFirstLoads.Select(f => f["cpu"]!.GetValue<double>()).ToList()),
    ["wall"] = Median(nodeFirstLoads.Select(f => f["wall"]!.GetValue<double>()).ToList()),
};
Console.WriteLine($"first load: {firstLoad} ({firstLoadBuild}); node {node["firstLoad"]!.ToJsonString()}");

var sw = Stopwatch.StartNew();
var source = await JsMusicSource.LoadAsync(code, "bench-plugin.js", options, http, NullLogger.Instance);
var reloads = new List<double>();
var cpu0 = Cpu();
for (var i = 0; i < 20; i++)
{
    sw.Restart();
    using var again = await JsMusicSource.LoadAsync(code, "bench-plugin.js", options, http, NullLogger.Instance);
    reloads.Add(sw.Elapsed.TotalMilliseconds);
}
var reload = (Wall: Median(reloads), Cpu: (Cpu() - cpu0) / 20);

async Task<(double Wall, double Cpu, int N)> Measure(string function, Func<JsonArray> arguments)
{
    sw.Restart();
    for (var i = 0; i < 5; i++) await source.InvokeAsync(function, arguments(), none, CancellationToken.None);
    var per = sw.Elapsed.TotalMilliseconds / 5;
    var count = Math.Max(5, Math.Min(iterations, (int)Math.Ceiling(budgetMs / Math.Max(per, 0.001))));
    var times = new List<double>();
    var c = Cpu();
    for (var i = 0; i < count; i++)
    {
        var a = arguments();
        sw.Restart();
        await source.InvokeAsync(function, a, none, CancellationToken.None);
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    var result = (Median(times), (Cpu() - c) / count, count);
    Console.WriteLine($"{function}{arguments().ToJsonString()}: {result}");
    return result;
}

var trivial = await Measure("search", () => ["q", 1, "music"]);
var cheerio = await Measure("search", () => ["cheerio", 1, "music"]);
var crypto = await Measure("getLyric", () => [new JsonObject { ["id"] = "s1" }]);
var album = await Measure("getAlbumInfo", () => [new JsonObject { ["id"] = "al1", ["title"] = "x" }, 1]);
source.Dispose();

var report = new StringBuilder()
    .AppendLine("### Latest run")
    .AppendLine()
    .AppendLine("Plugin: `bench-plugin.js` (requires cheerio, crypto-js, dayjs; no network). Per measure: 5 warm-up calls, then up to")
    .AppendLine($"{iterations} calls or about {budgetMs} ms; **CPU/call** = process CPU time (user + system) over those calls ÷ n, the figure to")
    .AppendLine("compare on a shared machine; wall = median of one call. Load: first = a fresh process (V8's start, the bundled libraries,")
    .AppendLine($"the plugin), median of {FirstLoadRuns} processes each side, the host's {firstLoadBuild}; again = 20 further loads in one process.")
    .AppendLine("Generated by `dotnet run -c Release --project tests/Plugin.Music.Benchmarks`, Node run first in the same run,")
    .AppendLine($"on {Environment.ProcessorCount} shared cores (load average at the end: {LoadAverage()}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}, {JsMusicSource.EngineDescription}, node {NodeVersion()}.")
    .AppendLine()
    .AppendLine("| measure | host CPU/call (ms) | Node CPU/call (ms) | CPU ratio | host wall (ms) | Node wall (ms) | n |")
    .AppendLine("|---|---:|---:|---:|---:|---:|---:|")
    .AppendLine(Row("first load in a fresh process (libraries + plugin)", firstLoad.Cpu, firstLoad.Wall, node["firstLoad"]!, 1))
    .AppendLine(Row("load again (new engine / cleared require cache)", reload.Cpu, reload.Wall, node["reload"]!, 20))
    .AppendLine(Row("call overhead: trivial `search`", trivial.Cpu, trivial.Wall, node["trivial"]!, trivial.N))
    .AppendLine(Row("**cheerio-heavy `search`** (200-item page)", cheerio.Cpu, cheerio.Wall, node["cheerio"]!, cheerio.N))
    .AppendLine(Row("**crypto-js-heavy `getLyric`** (AES-CBC ×40, MD5, SHA-256, HMAC, Base64)", crypto.Cpu, crypto.Wall, node["crypto"]!, crypto.N))
    .AppendLine(Row("mixed `getAlbumInfo` (cheerio 50 rows, MD5, dayjs)", album.Cpu, album.Wall, node["album"]!, album.N))
    .AppendLine()
    .AppendLine($"First load, of which (medians): the bundled libraries (JsLibraries.Warm, code cache {(cacheWarm ? "on disk: a restart" : "made by the first process: the very first start")}) {StageMedian("libraries", "wall"):0.0} ms wall / {StageMedian("libraries", "cpu"):0.0} ms CPU;")
    .AppendLine($"the first plugin load, V8's start included (native library, ICU data, the first isolate) {StageMedian("plugin", "wall"):0.0} ms wall / {StageMedian("plugin", "cpu"):0.0} ms CPU; .NET JIT-compiled {StageMedian("libraries", "jitMethods") + StageMedian("plugin", "jitMethods"):0} methods.")
    .ToString();
// RESULTS.md keeps the decision record around the generated part; a run replaces only what lies between the markers.
var resultsFile = Path.Combine(benchDir, Environment.GetEnvironmentVariable("MUSIC_BENCH_OUT") ?? "RESULTS.md");
const string begin = "<!-- generated: latest run -->", end = "<!-- /generated -->";
var existing = File.Exists(resultsFile) ? await File.ReadAllTextAsync(resultsFile) : "";
var (from, to) = (existing.IndexOf(begin, StringComparison.Ordinal), existing.IndexOf(end, StringComparison.Ordinal));
await File.WriteAllTextAsync(resultsFile, from >= 0 && to > from
    ? existing[..(from + begin.Length)] + "\n" + report + existing[to..]
    : report);
Console.WriteLine(report);
return 0;

static string Row(string name, double cpu, double wall, JsonNode node, int count)
{
    var nodeCpu = node["cpu"]!.GetValue<double>();
    return $"| {name} | {cpu:0.000} | {nodeCpu:0.000} | {cpu / nodeCpu:0.0}x | {wall:0.000} | {node["wall"]!.GetValue<double>():0.000} | {count} |";
}

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}

static JsonNode RunNode(string script, string plugin, int iterations, int budgetMs, string modules)
{
    var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["NODE_PATH"] = modules } };
    start.ArgumentList.Add(script);
    start.ArgumentList.Add(plugin);
    start.ArgumentList.Add(iterations.ToString());
    start.ArgumentList.Add(budgetMs.ToString());
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException("node failed: " + process.StandardError.ReadToEnd());
    return JsonNode.Parse(output)!;
}

// This benchmark published ReadyToRun for this machine (as build.sh publishes the host), run as `dotnet <dll>`; when the
// publish fails (no crossgen package), this build itself, JIT-compiled, and the report says so.
static (string[] Command, string Build) PublishReadyToRun(string root, string benchDir)
{
    var output = Path.Combine(benchDir, "obj", "ready-to-run");
    var publish = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { "publish", Path.Combine(benchDir, "Plugin.Music.Benchmarks.csproj"), "-c", "Release", "-r", RuntimeIdentifier(),
        "--self-contained", "false", "-p:PublishReadyToRun=true", "-p:SkipMusicNpm=true", "-o", output, "-v", "q", "--nologo" })
        publish.ArgumentList.Add(arg);
    using var process = Process.Start(publish)!;
    var log = process.StandardOutput.ReadToEndAsync();
    var errors = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode == 0) return (["dotnet", Path.Combine(output, "Plugin.Music.Benchmarks.dll")], "ReadyToRun publish");
    Console.Error.WriteLine("ReadyToRun publish failed, first load measured JIT-compiled: " + log.Result + errors);
    return (["dotnet", typeof(Program).Assembly.Location], "JIT build (ReadyToRun publish failed)");
}

static string RuntimeIdentifier() =>
    "linux-" + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

static JsonNode RunFirstLoad(string[] command)
{
    var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true };
    foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
    start.ArgumentList.Add("--first-load");
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException("first-load process failed: " + output);
    return JsonNode.Parse(output.Trim().Split('\n')[^1])!;
}

static JsonNode RunNodeFirstLoad(string script, string plugin, string modules)
{
    var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["NODE_PATH"] = modules } };
    foreach (var arg in new[] { script, plugin, "--first-load" }) start.ArgumentList.Add(arg);
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException("node failed: " + process.StandardError.ReadToEnd());
    return JsonNode.Parse(output)!;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string NodeVersion()
{
    using var process = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
    return process.StandardOutput.ReadToEnd().Trim();
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (Directory.Exists(Path.Combine(dir.FullName, "host", "Plugin.Music", "js"))) return dir.FullName;
    throw new DirectoryNotFoundException("repository root (host/Plugin.Music/js) not found above " + AppContext.BaseDirectory);
}

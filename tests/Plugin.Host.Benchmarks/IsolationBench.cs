using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Host.Workers;
using Plugin.Host.Workers.Supervision;

/// <summary>
/// Issue 20 point 5, the cost of a worker process: the same plugin API's req/s and p50/p99 with the plugin in the host's
/// process and in a worker (same host, same run, same load loop), the time a reload into a new worker takes (spawn,
/// connect, load, init), and the worker's resident memory.
/// </summary>
internal sealed class IsolationBench
{
    private const int Starts = 5;

    private readonly List<(string Name, (double Rps, double P50, double P99) InProcess, (double Rps, double P50, double P99) Worker)> _cases = [];
    private readonly List<double> _startMs = [];
    private long _workerRssKb;
    private long _workerRssAfterLoadKb;
    private long _hostRssKb;

    public static async Task<IsolationBench> RunAsync(WebApplication app, Func<string, TimeSpan, Task<(double Rps, double P50, double P99)>> load,
        int seconds, string apiToken)
    {
        var bench = new IsolationBench();
        var policy = app.Services.GetRequiredService<IsolationPolicy>();
        var manager = app.Services.GetRequiredService<PluginManager>();
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var cases = new (string Name, string Path)[]
        {
            ("anonymous `GET /api/v1/plugin/Bench/ping`", "/api/v1/plugin/Bench/ping"),
            ("API key + 2 bound args `GET /api/v1/plugin/Bench/add?a=1&b=2`", $"/api/v1/plugin/Bench/add?a=1&b=2&apikey={apiToken}"),
        };

        var inProcess = new List<(double, double, double)>();
        foreach (var (_, path) in cases)
        {
            await load(path, TimeSpan.FromSeconds(1));
            inProcess.Add(await load(path, TimeSpan.FromSeconds(seconds)));
        }

        await policy.SetAsync("Bench", PluginIsolation.Process, CancellationToken.None);
        for (var i = 0; i < Starts; i++)
        {
            var clock = Stopwatch.StartNew();
            await manager.ReloadAsync("Bench", CancellationToken.None);
            bench._startMs.Add(clock.Elapsed.TotalMilliseconds);
            if (catalog.Find("Bench")?.Status != PluginStatus.Active)
                throw new InvalidOperationException($"Bench did not come up in its worker: {catalog.Find("Bench")?.Error}");
        }
        var worker = app.Services.GetRequiredService<WorkerPluginLoader>().WorkerOf("Bench")?.ProcessId
            ?? throw new InvalidOperationException("Bench has no worker process");
        bench._workerRssKb = RssKb(worker);
        for (var i = 0; i < cases.Length; i++)
        {
            await load(cases[i].Path, TimeSpan.FromSeconds(1));
            var measured = await load(cases[i].Path, TimeSpan.FromSeconds(seconds));
            bench._cases.Add((cases[i].Name, inProcess[i], measured));
        }
        bench._workerRssAfterLoadKb = RssKb(worker);
        bench._hostRssKb = RssKb(Environment.ProcessId);

        // Back in the host's process for the rest of the benchmark.
        await policy.SetAsync("Bench", null, CancellationToken.None);
        await manager.ReloadAsync("Bench", CancellationToken.None);
        foreach (var (name, a, b) in bench._cases)
            Console.WriteLine($"{name}: in-process {a.Rps:0} req/s (p50 {a.P50:0.00} ms, p99 {a.P99:0.00} ms), worker {b.Rps:0} req/s " +
                $"(p50 {b.P50:0.00} ms, p99 {b.P99:0.00} ms): {b.Rps / a.Rps:P0} of in-process");
        Console.WriteLine($"worker start (reload into a new worker) median {Median(bench._startMs):0} ms; worker RSS {bench._workerRssKb / 1024.0:0.0} MiB, " +
            $"after the load {bench._workerRssAfterLoadKb / 1024.0:0.0} MiB");
        return bench;
    }

    public void Write(StringBuilder report)
    {
        report.AppendLine("## In the host's process vs in a worker process (issue 20)").AppendLine();
        report.AppendLine("The same plugin (Bench) on the same host in the same run: measured in-process, then moved into a worker by the admin's " +
            "per-plugin choice (`IsolationPolicy`, what `PUT /api/v1/plugin/isolation/{id}` sets) and measured again with the same loop. " +
            "In a worker every call crosses a Unix socket (StreamJsonRpc, System.Text.Json) both ways.").AppendLine();
        report.AppendLine("| plugin API | in-process req/s | p50 ms | p99 ms | worker req/s | p50 ms | p99 ms | worker / in-process |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, a, b) in _cases)
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {a.Rps:0} | {a.P50:0.00} | {a.P99:0.00} | {b.Rps:0} | {b.P50:0.00} | {b.P99:0.00} | {b.Rps / a.Rps:P0} |");
        report.AppendLine().AppendLine("| worker | value |").AppendLine("|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| start: reload into a new worker (spawn `dotnet Plugin.Host.dll worker`, connect, load, init), median of {_startMs.Count} | {Median(_startMs):0} ms (min {_startMs.Min():0}, max {_startMs.Max():0}) |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| resident memory (VmRSS) after start | {_workerRssKb / 1024.0:0.0} MiB |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| resident memory after the load | {_workerRssAfterLoadKb / 1024.0:0.0} MiB |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| the host's own resident memory, for scale (benchmark process: host + client) | {_hostRssKb / 1024.0:0.0} MiB |");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>VmRSS of a process in KiB (Linux), 0 elsewhere.</summary>
    private static long RssKb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
            return 0;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

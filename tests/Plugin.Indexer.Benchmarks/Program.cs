using System.Diagnostics;
using BenchmarkDotNet.Running;
using Plugin.Indexer.Benchmarks;

// dotnet run -c Release --project tests/Plugin.Indexer.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/Plugin.Indexer.Benchmarks -- --cpu
//   The second form reports processor time per page next to wall time: on a machine shared with other work, wall
//   time measures the queue for a core as much as the parser, processor time does not.
if (args is ["--cpu", ..])
{
    var bench = new ParseBenchmarks();
    bench.Setup();
    // Enough rounds for tiered compilation to settle before anything is timed.
    for (var i = 0; i < 400; i++) { bench.NexusPhp100Rows(); bench.FieldsOnly(); }
    Thread.Sleep(500);
    const int pages = 300;
    Measure("parse page (HTML + fields)", () => bench.NexusPhp100Rows());
    Measure("HTML only", () => bench.HtmlOnly());
    Measure("fields only", () => bench.FieldsOnly());
    return;

    static void Measure(string what, Action run)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pages; i++) run();
        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine($"{what}, 100-row NexusPHP page x{pages}: wall {clock.Elapsed.TotalMilliseconds / pages:0.00} ms/page, " +
                          $"processor {cpu.TotalMilliseconds / pages:0.00} ms/page (all threads, GC included)");
    }
}
BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmarks).Assembly).Run(args);

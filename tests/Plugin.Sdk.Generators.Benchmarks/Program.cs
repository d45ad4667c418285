using System.Diagnostics;
using BenchmarkDotNet.Running;
using Plugin.Sdk.Generators.Benchmarks;

// dotnet run -c Release --project tests/Plugin.Sdk.Generators.Benchmarks -- --job short --filter '*'
// dotnet run -c Release --project tests/Plugin.Sdk.Generators.Benchmarks -- --quick   (Stopwatch medians, no BenchmarkDotNet)
if (args.Contains("--quick"))
{
    var bench = new GeneratorBenchmarks();
    bench.Setup();
    foreach (var (name, action) in new (string, Func<object>)[]
             {
                 ("FullRun", bench.FullRun),
                 ("IncrementalRunAfterUnrelatedEdit", bench.IncrementalRunAfterUnrelatedEdit),
                 ("BindAttributesOnly (no generator)", () => bench.BindAttributesOnly()),
                 ("TrivialAttributeGenerator", bench.TrivialAttributeGenerator),
             })
    {
        for (var i = 0; i < 5; i++) action(); // warm up
        var times = Enumerable.Range(0, 25).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalMilliseconds;
        }).Order().ToList();
        Console.WriteLine($"{name}: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms");
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);

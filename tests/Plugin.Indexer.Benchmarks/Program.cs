using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Plugin.Indexer.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Plugin.Indexer.Benchmarks.ParseBenchmarks).Assembly).Run(args);

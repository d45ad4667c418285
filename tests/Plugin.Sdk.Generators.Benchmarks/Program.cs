using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Plugin.Sdk.Generators.Benchmarks -- --job short --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Plugin.Sdk.Generators.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);

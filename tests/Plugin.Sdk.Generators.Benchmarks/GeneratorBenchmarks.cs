using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Plugin.Sdk;
using Plugin.Sdk.Generators;

namespace Plugin.Sdk.Generators.Benchmarks;

/// <summary>
/// The generator on one compilation with 100 attributed plugins (each with a command, an API, a service, an event
/// handler, a dashboard and a typed config): a first run, and a run after an unrelated method-body edit, which
/// the IDE does on every keystroke and which should cost next to nothing.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int PluginCount = 100;

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private SyntaxTree _editedTreeOriginal = null!;
    private SyntaxTree _editedTree = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Enumerable.Range(0, PluginCount)
            .Select(i => CSharpSyntaxTree.ParseText(PluginSource(i), parse, $"Plugin{i}.cs", Encoding.UTF8))
            .ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Append(typeof(PluginBase).Assembly.Location)
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        _compilation = CSharpCompilation.Create("Bench", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        _warmDriver = NewDriver().RunGenerators(_compilation);
        var generated = _warmDriver.GetRunResult();
        if (generated.Diagnostics.Length > 0 || generated.GeneratedTrees.Length != 1)
            throw new InvalidOperationException("The benchmark input must generate one manifest without diagnostics.");

        _editedTreeOriginal = trees[PluginCount / 2];
        _editedTree = _editedTreeOriginal.WithChangedText(SourceText.From(
            _editedTreeOriginal.ToString().Replace("return count + 1;", "return count + 2;"), Encoding.UTF8));
    }

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new PluginGenerator().AsSourceGenerator()],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>A cold run: new driver, fresh compilation (Clone drops the bound semantic caches).</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation.Clone());

    /// <summary>The warm driver after one method body changed in one of the 100 files.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalRunAfterUnrelatedEdit() =>
        _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_editedTreeOriginal, _editedTree));

    /// <summary>
    /// Not the generator: what binding the 100 plugin classes and their member attributes costs on a fresh
    /// compilation, which the compiler pays anyway and which dominates both runs above.
    /// </summary>
    [Benchmark]
    public int BindAttributesOnly()
    {
        var compilation = _compilation.Clone();
        var count = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                var symbol = model.GetDeclaredSymbol(type)!;
                count += symbol.GetAttributes().Length;
                foreach (var member in symbol.GetMembers()) count += member.GetAttributes().Length;
            }
        }
        return count;
    }

    /// <summary>The floor for any attribute-driven generator: ForAttributeWithMetadataName with a transform that only reads the class name.</summary>
    [Benchmark]
    public GeneratorDriver TrivialAttributeGenerator() =>
        CSharpGeneratorDriver.Create([new TrivialGenerator().AsSourceGenerator()]).RunGenerators(_compilation.Clone());

    private sealed class TrivialGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName("Plugin.Sdk.PluginAttribute",
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (ctx, _) => ctx.TargetSymbol.Name).Collect();
            context.RegisterSourceOutput(names, static (spc, n) => spc.AddSource("names.g.cs", "// " + string.Join(",", n)));
        }
    }

    public static string PluginSource(int i) => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Ui;

        namespace Bench.P{{i}};

        public sealed class Config{{i}} : PluginConfig
        {
            [FormField("周期")]
            public string Cron { get; set; } = "0 8 * * *";
            public int Days { get; set; } = 7;
            public string[] Sites { get; set; } = [];
        }

        [Plugin(Name = "插件 {{i}}", Description = "benchmark plugin {{i}}", Level = 2, Labels = new[] { "bench" })]
        [PluginHistory("v1.1", "second")]
        [PluginHistory("v1.0", "first")]
        public partial class Plugin{{i}} : PluginBase<Config{{i}}>
        {
            [Command("/bench{{i}}", "run {{i}}")]
            public Task Run(CommandContext context, CancellationToken cancellationToken) => Task.CompletedTask;

            [Api("/items")]
            public object Items(string keyword, int page = 1) => new { keyword, page };

            [Service("bench{{i}}", "job {{i}}", CronFrom = nameof(Config{{i}}.Cron))]
            public Task Job(CancellationToken cancellationToken) => Task.CompletedTask;

            [EventHandler(EventType.TransferComplete)]
            public void OnTransfer(TransferCompleteEventData data) { }

            [ChainHandler(ChainEventType.NameRecognize)]
            public void OnName(NameRecognizeEventData data) { }

            [Dashboard("main", "Main")]
            public DashboardView Main() => new();

            public int Unrelated(int count)
            {
                return count + 1;
            }
        }
        """;
}

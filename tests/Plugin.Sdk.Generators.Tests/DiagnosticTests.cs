using Microsoft.CodeAnalysis;

namespace Plugin.Sdk.Generators.Tests;

/// <summary>
/// Each author mistake gives its diagnostic on the right line. The line is marked in the source with <c>/*!*/</c>.
/// </summary>
public class DiagnosticTests
{
    private const string Config = """
        public sealed class Cfg : PluginConfig
        {
            public string Cron { get; set; } = "";
            public int Number { get; set; }
        }

        """;

    private static string Plugin(string members, string attribute = "[Plugin]", string declaration = "public partial class P : PluginBase<Cfg>") =>
        TestSources.Usings + "namespace D;\n" + Config + attribute + "\n" + declaration + "\n{\n" + members + "\n}\n";

    public static TheoryData<string, DiagnosticSeverity, string> Cases => new()
    {
        { "MPP0001", DiagnosticSeverity.Error, Plugin("""    [Command(/*!*/"sync", "x")] public void A() { }""") },
        { "MPP0002", DiagnosticSeverity.Error, Plugin("""    [Api(/*!*/"items")] public int A() => 1;""") },
        { "MPP0003", DiagnosticSeverity.Error, Plugin("""
                [Command("/a", "x")] public void A() { }
                /*!*/[Command("/a", "y")] public void B() { }
            """) },
        { "MPP0004", DiagnosticSeverity.Error, Plugin("""
                [Api("/items", HttpVerb.Get | HttpVerb.Post)] public int A() => 1;
                /*!*/[Api("/items", HttpVerb.Post)] public int B() => 1;
            """) },
        { "MPP0005", DiagnosticSeverity.Error, Plugin("""
                [Service("job", "x", IntervalSeconds = 5)] public void A() { }
                /*!*/[Service("job", "y", IntervalSeconds = 5)] public void B() { }
            """) },
        { "MPP0006", DiagnosticSeverity.Error, Plugin("""
                [Dashboard("main", "x")] public DashboardView A() => new();
                [Dashboard(/*!*/"main", "y")] public DashboardView B() => new();
            """) },
        { "MPP0007", DiagnosticSeverity.Error, Plugin("""
                [WorkflowAction("go", "x")] public bool A(ActionContext c) => true;
                [WorkflowAction(/*!*/"go", "y")] public bool B(ActionContext c) => true;
            """) },
        { "MPP0008", DiagnosticSeverity.Error, Plugin("""
                [MessageAction("a_*")] public void A(MessageActionContext c) { }
                /*!*/[MessageAction("a_*")] public void B(MessageActionContext c) { }
            """) },
        { "MPP0009", DiagnosticSeverity.Error, Plugin("""    [Service("job", "x", /*!*/Cron = "0 25 * * *")] public void A() { }""") },
        { "MPP0010", DiagnosticSeverity.Error, Plugin("""    [Service("job", "x", /*!*/CronFrom = "Number")] public void A() { }""") },
        { "MPP0011", DiagnosticSeverity.Error, Plugin("""    /*!*/[Service("job", "x", Cron = "* * * * *", IntervalSeconds = 5)] public void A() { }""") },
        { "MPP0012", DiagnosticSeverity.Error, Plugin("""    [ChainHandler(ChainEventType.NameRecognize)] public void A(/*!*/TransferCompleteEventData data) { }""") },
        { "MPP0013", DiagnosticSeverity.Error, Plugin("", "[Plugin(/*!*/Level = 4)]") },
        { "MPP0014", DiagnosticSeverity.Warning, Plugin("", declaration: "public class /*!*/P : PluginBase<Cfg>") },
        { "MPP0015", DiagnosticSeverity.Error, Plugin("", declaration: "internal partial class /*!*/P : PluginBase<Cfg>") },
        { "MPP0016", DiagnosticSeverity.Error, Plugin("", declaration: "public partial class /*!*/P") },
        { "MPP0017", DiagnosticSeverity.Error, Plugin("", declaration: "public partial class /*!*/P<T> : PluginBase<Cfg>") },
        { "MPP0018", DiagnosticSeverity.Error, TestSources.Usings + "namespace D;\n" + Config +
            "public partial class Outer\n{\n    [Plugin]\n    public partial class /*!*/P : PluginBase<Cfg> { }\n}\n" },
        { "MPP0021", DiagnosticSeverity.Error, Plugin("""    /*!*/[Command("/a", "x")] public static void A() { }""") },
        { "MPP0022", DiagnosticSeverity.Error, Plugin("""    [Command("/a", "x")] public void A(/*!*/int count) { }""") },
        { "MPP0023", DiagnosticSeverity.Error, Plugin("""    [Dashboard("main", "x")] public string /*!*/A() => "";""") },
        { "MPP0024", DiagnosticSeverity.Error, Plugin("""    /*!*/[DiscoverSource("x", "tvdb")] public object A() => 1;""") },
        { "MPP0025", DiagnosticSeverity.Error, Plugin("""    [Api("/d")][DiscoverSource("x", "tvdb", /*!*/FilterUi = "Nope")] public object A() => 1;""") },
        { "MPP0026", DiagnosticSeverity.Error, Plugin("", declaration: "public abstract partial class /*!*/P : PluginBase<Cfg>") },
        { "MPP0027", DiagnosticSeverity.Error, Plugin("""    [Service("job", "x", /*!*/Date = "tomorrow")] public void A() { }""") },
        { "MPP0028", DiagnosticSeverity.Warning, Plugin("""    [Api("/a", HttpVerb.Post)] public int /*!*/A(Cfg one, Cfg two) => 1;""") },
        { "MPP0029", DiagnosticSeverity.Error, Plugin("""    [Service("job", "x", /*!*/IntervalSeconds = -5)] public void A() { }""") },
        { "MPP0030", DiagnosticSeverity.Error, Plugin("""    [Dashboard(/*!*/"", "x")] public DashboardView A() => new();""") },
        { "MPP0036", DiagnosticSeverity.Error, Plugin("""    /*!*/[Command("/a", "x")] private void A() { }""") },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mistake_is_reported_on_its_line(string id, DiagnosticSeverity severity, string source)
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var expectedLine = Line(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(expectedLine, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        // The message says what to write instead.
        Assert.Matches("(?i)write|declare|set |give|choose|change|keep|make|rename|return|add|move", diagnostic.GetMessage());
    }

    // The rules that need no generation are DiagnosticAnalyzers (Diagnostics/Analyzers): the generator must not report
    // them too, or authors would see each mistake twice.
    private static readonly string[] s_analyzerRules =
        ["MPP0001", "MPP0002", "MPP0004", "MPP0006", "MPP0007", "MPP0008", "MPP0012", "MPP0013", "MPP0014", "MPP0015", "MPP0016",
         "MPP0019", "MPP0021", "MPP0036"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_mistake_comes_from_one_place(string id, DiagnosticSeverity severity, string source)
    {
        _ = severity;
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var fromAnalyzer = s_analyzerRules.Contains(id);
        Assert.Equal(fromAnalyzer ? 1 : 0, result.AnalyzerDiagnostics.Count(d => d.Id == id));
        Assert.Equal(fromAnalyzer ? 0 : 1, result.GeneratorDiagnostics.Count(d => d.Id == id));
        // What the generator now skips silently must still leave compilable output: no error in the manifest it emits.
        Assert.DoesNotContain(result.CompileErrors, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Analyzers_support_exactly_the_rules_moved_out_of_the_generator()
    {
        var supported = GeneratorHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Order().ToArray();
        Assert.Equal(s_analyzerRules, supported);
    }

    [Fact]
    public void Plugin_version_must_be_semver()
    {
        var source = Plugin("", "/*!*/[Plugin]");
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(source), version: "1.2");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal("MPP0019", diagnostic.Id);
        Assert.Equal(Line(source), diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        // A project file is out of a code fix's reach, so the message spells out the normalised version.
        Assert.Contains("set <Version>1.2.0</Version>", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1.2", "1.2.0")]
    [InlineData("7", "7.0.0")]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("01.2", "1.2.0")]
    [InlineData("1.2.3.4", "1.2.3")]
    [InlineData("latest", "1.2.3")]
    public void Version_message_suggests_the_normalised_version(string version, string suggested) =>
        Assert.Equal(suggested, PluginVersionAnalyzer.Suggest(version));

    [Fact]
    public void Two_plugins_with_one_id_and_a_shared_command_and_service()
    {
        var first = Plugin("""    [Command("/sync", "x")][Service("job", "x", IntervalSeconds = 1)] public void A() { }""");
        var second = TestSources.Usings + "namespace E;\n[Plugin]\npublic partial class P : PluginBase\n{\n" +
                     "    [Command(\"/sync\", \"y\")][Service(\"job\", \"y\", IntervalSeconds = 1)] public void B() { }\n}\n";
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(("a.cs", first), ("b.cs", second)));
        Snapshot.Match(result.DiagnosticsText, "Diagnostics.CrossPlugin");
        Assert.Equal(["MPP0003", "MPP0005", "MPP0020"], result.Diagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void Every_mistake_matches_the_snapshot()
    {
        // One snapshot of the messages as authors will read them; each case compiled on its own.
        var text = string.Join("\n", Cases.Select(c => "== " + c[0] + "\n" +
            GeneratorHarness.Run(GeneratorHarness.Compile(((string)c[0] + ".cs", (string)c[2]))).DiagnosticsText));
        Snapshot.Match(text, "Diagnostics.All");
    }

    [Fact]
    public void Event_handler_mismatch_names_the_type_to_use()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(Plugin(
            """    [ChainHandler(ChainEventType.NameRecognize)] public void A(TransferCompleteEventData data) { }""")));
        var message = Assert.Single(result.Diagnostics).GetMessage();
        Assert.Contains("declare the parameter as NameRecognizeEventData", message);
    }

    [Fact]
    public void Correct_plugin_has_no_diagnostics_and_the_generator_never_throws()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Full, "this is ( not C#"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("MPP", StringComparison.Ordinal));
        Assert.Null(result.Run.Exception);
    }

    private static int Line(string source)
    {
        var index = source.IndexOf("/*!*/", StringComparison.Ordinal);
        Assert.True(index >= 0, "the case marks its line with /*!*/");
        return source[..index].Count(c => c == '\n') + 1;
    }
}

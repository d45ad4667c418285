using Microsoft.CodeAnalysis.Testing;
using Plugin.Sdk.CodeFixes;

namespace Plugin.Sdk.Generators.Tests;

/// <summary>
/// Each analyzer reports at the same span the generator used to, and each code fix turns the mistake into code the
/// analyzer (and the compiler) accepts.
/// </summary>
public class AnalyzerTests
{
    private const string Config = """
        public sealed class PConfig : PluginConfig
        {
            public string Cron { get; set; } = "";
        }

        """;

    private static string Source(string body) => TestSources.Usings + "namespace D;\n\n" + Config + body;

    // ---- plugin class ----------------------------------------------------------------------------------------------

    [Fact]
    public Task Internal_class_is_made_public() =>
        AnalyzerVerifier<PluginClassNotPublicAnalyzer, MakePluginClassPublicPartialCodeFix>.Fix(
            Source("""
                [Plugin]
                internal sealed partial class {|MPP0015:P|} : PluginBase<PConfig>
                {
                }
                """),
            Source("""
                [Plugin]
                public sealed partial class P : PluginBase<PConfig>
                {
                }
                """));

    [Fact]
    public Task Class_without_modifiers_becomes_public_partial() =>
        AnalyzerVerifier<PluginClassNotPartialAnalyzer, MakePluginClassPublicPartialCodeFix>.Fix(
            Source("""
                [Plugin]
                class {|MPP0014:P|} : PluginBase<PConfig>
                {
                }
                """),
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                }
                """));

    [Fact]
    public Task Class_neither_public_nor_partial_gets_one_fix_for_both() =>
        AnalyzerVerifier<PluginClassNotPublicAnalyzer, MakePluginClassPublicPartialCodeFix>.FixWith(
            [new PluginClassNotPartialAnalyzer()],
            Source("""
                [Plugin]
                internal class {|MPP0014:{|MPP0015:P|}|} : PluginBase<PConfig>
                {
                }
                """),
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                }
                """));

    [Fact]
    public Task Public_class_gets_partial() =>
        AnalyzerVerifier<PluginClassNotPartialAnalyzer, MakePluginClassPublicPartialCodeFix>.Fix(
            Source("""
                /// <summary>Docs stay.</summary>
                [Plugin]
                public sealed class {|MPP0014:P|} : PluginBase<PConfig>
                {
                }
                """),
            Source("""
                /// <summary>Docs stay.</summary>
                [Plugin]
                public sealed partial class P : PluginBase<PConfig>
                {
                }
                """));

    [Fact]
    public Task Partial_class_in_several_files_is_not_reported() =>
        AnalyzerVerifier<PluginClassNotPartialAnalyzer, MakePluginClassPublicPartialCodeFix>.Analyze(
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                }

                public partial class P
                {
                }
                """));

    [Fact]
    public Task Plugin_derives_from_PluginBase_of_its_config() =>
        AnalyzerVerifier<PluginClassNotDerivedAnalyzer, DeriveFromPluginBaseCodeFix>.Fix(
            Source("""
                [Plugin]
                public partial class {|MPP0016:P|}
                {
                }
                """),
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                }
                """));

    [Fact]
    public Task Plugin_without_an_obvious_config_derives_from_PluginBase() =>
        AnalyzerVerifier<PluginClassNotDerivedAnalyzer, DeriveFromPluginBaseCodeFix>.Fix(
            TestSources.Usings + """
                namespace D;

                public interface IThing { }

                [Plugin]
                public partial class {|MPP0016:Q|} : IThing
                {
                }
                """,
            TestSources.Usings + """
                namespace D;

                public interface IThing { }

                [Plugin]
                public partial class Q : PluginBase, IThing
                {
                }
                """);

    [Fact]
    public Task Plugin_deriving_through_its_own_base_is_not_reported() =>
        AnalyzerVerifier<PluginClassNotDerivedAnalyzer, DeriveFromPluginBaseCodeFix>.Analyze(
            Source("""
                public abstract class SharedBase : PluginBase<PConfig> { }

                [Plugin]
                public partial class P : SharedBase
                {
                }
                """));

    [Fact]
    public Task Level_outside_1_to_3_is_reported_on_the_argument() =>
        AnalyzerVerifier<PluginLevelAnalyzer, EmptyCodeFixProvider>.Analyze(
            Source("""
                [Plugin({|MPP0013:Level = 4|}, Name = "x")]
                public partial class P : PluginBase<PConfig>
                {
                }

                [Plugin(Level = 3)]
                public partial class Q : PluginBase<PConfig>
                {
                }
                """));

    [Fact]
    public Task Version_that_is_not_semver_is_reported_on_every_plugin() =>
        AnalyzerVerifier<PluginVersionAnalyzer, EmptyCodeFixProvider>.Analyze(
            Source("""
                [{|MPP0019:Plugin|}]
                public partial class P : PluginBase<PConfig>
                {
                }

                [{|MPP0019:Plugin(Name = "Q")|}]
                public partial class Q : PluginBase<PConfig>
                {
                }
                """),
            version: "1.2");

    [Fact]
    public Task Semver_version_and_no_version_are_accepted() =>
        Task.WhenAll(
            AnalyzerVerifier<PluginVersionAnalyzer, EmptyCodeFixProvider>.Analyze(
                Source("[Plugin]\npublic partial class P : PluginBase<PConfig> { }\n"), version: "2.0.0-beta.1"),
            AnalyzerVerifier<PluginVersionAnalyzer, EmptyCodeFixProvider>.Analyze(
                Source("[Plugin]\npublic partial class P : PluginBase<PConfig> { }\n")));

    // ---- members ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task Command_and_api_path_get_their_slash() =>
        AnalyzerVerifier<CommandWithoutSlashAnalyzer, AddLeadingSlashCodeFix>.Fix(
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [Command({|MPP0001:"sync"|}, "x")] public void A() { }
                    [Command({|MPP0001:cmd: "pull"|}, "y")] public void B() { }
                    [Command("/ok", "z")] public void C() { }
                }
                """),
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [Command("/sync", "x")] public void A() { }
                    [Command(cmd: "/pull", "y")] public void B() { }
                    [Command("/ok", "z")] public void C() { }
                }
                """),
            iterations: 2);

    [Fact]
    public Task Api_path_gets_its_slash() =>
        AnalyzerVerifier<ApiPathWithoutSlashAnalyzer, AddLeadingSlashCodeFix>.Fix(
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [Api({|MPP0002:"items"|}, HttpVerb.Post)] public int A() => 1;
                }
                """),
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [Api("/items", HttpVerb.Post)] public int A() => 1;
                }
                """));

    [Fact]
    public Task Private_method_is_reported_and_nothing_else_on_it() =>
        Task.WhenAll(
            AnalyzerVerifier<InaccessibleMethodAnalyzer, EmptyCodeFixProvider>.Analyze(Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [{|MPP0036:Command("sync", "x")|}] private void A() { }
                }
                """)),
            // The generator never registers a method it cannot call, so its command is not checked either.
            AnalyzerVerifier<CommandWithoutSlashAnalyzer, EmptyCodeFixProvider>.Analyze(Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [Command("sync", "x")] private void A() { }
                }
                """)));

    [Fact]
    public Task Static_and_generic_methods_are_reported_per_attribute() =>
        AnalyzerVerifier<StaticOrGenericMethodAnalyzer, EmptyCodeFixProvider>.Analyze(Source("""
            [Plugin]
            public partial class P : PluginBase<PConfig>
            {
                [{|MPP0021:Command("/a", "x")|}] public static void A() { }
                [{|MPP0021:Command("/b", "x")|}][{|MPP0021:Api("/b")|}] public void B<T>() { }
            }
            """));

    [Fact]
    public Task Handler_parameter_becomes_the_event_data_type() =>
        AnalyzerVerifier<HandlerParameterAnalyzer, UseEventDataTypeCodeFix>.Fix(
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [ChainHandler(ChainEventType.NameRecognize)] public void A(TransferCompleteEventData {|MPP0012:data|}) { }
                    [EventHandler(EventType.TransferComplete)] public void B(NameRecognizeEventData {|MPP0012:data|}, CancellationToken token) { }
                    [EventHandler(EventType.TransferComplete)] public void C(EventData data) { }
                }
                """),
            Source("""
                [Plugin]
                public partial class P : PluginBase<PConfig>
                {
                    [ChainHandler(ChainEventType.NameRecognize)] public void A(NameRecognizeEventData data) { }
                    [EventHandler(EventType.TransferComplete)] public void B(TransferCompleteEventData data, CancellationToken token) { }
                    [EventHandler(EventType.TransferComplete)] public void C(EventData data) { }
                }
                """),
            iterations: 2);

    [Fact]
    public Task Duplicates_within_one_plugin_are_reported_on_the_later_one() =>
        AnalyzerVerifier<DuplicateKeysAnalyzer, EmptyCodeFixProvider>.Analyze(Source("""
            [Plugin]
            public partial class P : PluginBase<PConfig>
            {
                [Api("/items", HttpVerb.Get | HttpVerb.Post)] public int A() => 1;
                [{|MPP0004:Api("/ITEMS", HttpVerb.Post)|}] public int B() => 1;
                [Api("/items", HttpVerb.Delete)] public int C() => 1;
                [Dashboard("main", "x")] public DashboardView D() => new();
                [Dashboard({|MPP0006:"main"|}, "y")] public DashboardView E() => new();
                [WorkflowAction("go", "x")] public bool F(ActionContext c) => true;
                [WorkflowAction({|MPP0007:"go"|}, "y")] public bool G(ActionContext c) => true;
                [MessageAction] public void H(MessageActionContext c) { }
                [{|MPP0008:MessageAction|}] public void I(MessageActionContext c) { }
                [MessageAction("a_*")] public void J(MessageActionContext c) { }
            }
            """));
}

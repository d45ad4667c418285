extern alias Generator;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Plugin.Sdk.Ui;
using GeneratorKeys = Generator::Plugin.Sdk.ConfigKeyNames;
using GeneratorNaming = Generator::Plugin.Sdk.ConfigKeyNaming;

namespace Plugin.Sdk.Generators.Tests;

/// <summary>
/// Config keys as the ported plugin had them ([ConfigKeys], [JsonPropertyName]): the generated form, the serializer and
/// the default config agree on every key, and two properties with one key are MPP0037 on the later one's line.
/// </summary>
public class ConfigKeyTests
{
    /// <summary>A MoviePilot-style config: lower-case keys, "enable" for the switch, one key spelled by hand.</summary>
    public const string Ported = TestSources.Usings + """
        namespace Port;

        [ConfigKeys(ConfigKeyNaming.Lowercase, EnabledKey = "enable")]
        public sealed class SignConfig : PluginConfig
        {
            [FormField("立即运行一次")]
            public bool OnlyOnce { get; set; }

            [FormField("执行周期", Kind = FieldKind.Cron)]
            public string Cron { get; set; } = "0 8 * * *";

            [JsonPropertyName("sign_sites")]
            public List<string> SignSites { get; set; } = new();

            [FormIgnore]
            public int RetryCount { get; set; } = 3;
        }

        [Plugin(Name = "签到")]
        public partial class AutoSign : PluginBase<SignConfig>
        {
        }

        """;

    [Fact]
    public void Ported_config_generates_the_snapshot_with_its_keys()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(Ported));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.CompileErrors);
        Snapshot.Match(result.GeneratedText, "ConfigKeys.PluginManifest.g");
    }

    [Fact]
    public void Form_serializer_and_defaults_use_one_set_of_keys()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(Ported));
        var descriptor = ManifestTests.Manifest(GeneratorHarness.Load(result.Output)).Plugins.Single();

        Assert.Equal(["enable", "onlyonce", "cron", "sign_sites"], descriptor.ConfigFields.Select(f => f.JsonName));
        var form = UiNode.ToJson(ConfigForm.Build(descriptor.ConfigFields)).ToJsonString();
        Assert.Contains("\"model\":\"enable\"", form);
        Assert.Contains("\"model\":\"onlyonce\"", form);

        var plugin = descriptor.Create();
        plugin.ApplyConfig(null);
        Assert.Equal(["cron", "enable", "onlyonce", "retrycount", "sign_sites"], plugin.DefaultConfig().Select(p => p.Key).Order());

        // What MoviePilot saved reads back into the typed config, switch included.
        plugin.ApplyConfig(JsonNode.Parse("""{"enable": true, "onlyonce": true, "cron": "5 4 * * *", "retrycount": 9}""")!.AsObject());
        Assert.True(plugin.IsEnabled);
        var saved = plugin.CurrentConfig();
        Assert.Equal((true, true, "5 4 * * *", 9), ((bool)saved["enable"]!, (bool)saved["onlyonce"]!, (string?)saved["cron"], (int)saved["retrycount"]!));
        Assert.False(saved.ContainsKey("enabled"));
    }

    [Fact]
    public void Without_the_attribute_keys_stay_snake_case()
    {
        // Plugins built against Plugin.Sdk 1.0.0 never carry [ConfigKeys]: their keys must not move.
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Usings + """
            namespace Plain;
            public sealed class C : PluginConfig { public bool OnlyOnce { get; set; } }
            [Plugin] public partial class Plain : PluginBase<C> { }
            """));
        var descriptor = ManifestTests.Manifest(GeneratorHarness.Load(result.Output)).Plugins.Single();
        Assert.Equal(["enabled", "only_once"], descriptor.ConfigFields.Select(f => f.JsonName));
        Assert.DoesNotContain("JsonName", result.GeneratedText);
        var plugin = descriptor.Create();
        plugin.ApplyConfig(null);
        Assert.Equal(["enabled", "only_once"], plugin.DefaultConfig().Select(p => p.Key).Order());
    }

    [Theory]
    [InlineData("lowercase", "[ConfigKeys(ConfigKeyNaming.Lowercase)]", "public bool OnlyOnce { get; set; }", "/*!*/public bool Onlyonce { get; set; }")]
    [InlineData("json name", "", "public string Cron { get; set; } = \"\";", "/*!*/[JsonPropertyName(\"cron\")] public string Schedule { get; set; } = \"\";")]
    [InlineData("enable switch", "[ConfigKeys(ConfigKeyNaming.SnakeCase, EnabledKey = \"enable\")]", "", "/*!*/public bool Enable { get; set; }")]
    [InlineData("case only", "", "[JsonPropertyName(\"Mode\")] public string A { get; set; } = \"\";", "/*!*/[JsonPropertyName(\"mode\")] public string B { get; set; } = \"\";")]
    public void Two_properties_with_one_key_are_reported_on_the_later_line(string why, string attribute, string first, string second)
    {
        _ = why;
        var source = TestSources.Usings + "namespace K;\n" + attribute + "\npublic sealed class C : PluginConfig\n{\n    " + first + "\n    " +
                     second + "\n}\n[Plugin]\npublic partial class P : PluginBase<C> { }\n";
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("MPP0037", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        var expectedLine = source.Split('\n').TakeWhile(l => !l.Contains("/*!*/")).Count() + 1;
        Assert.Equal(expectedLine, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void Duplicate_key_message_matches_the_snapshot()
    {
        var source = TestSources.Usings + """
            namespace K;
            [ConfigKeys(ConfigKeyNaming.Lowercase)]
            public sealed class C : PluginConfig { public bool OnlyOnce { get; set; } public bool Onlyonce { get; set; } }
            [Plugin] public partial class P : PluginBase<C> { }
            """;
        Snapshot.Match(GeneratorHarness.Run(GeneratorHarness.Compile(("keys.cs", source))).DiagnosticsText, "Diagnostics.DuplicateConfigKey");
    }

    [Theory]
    [InlineData("OnlyOnce")]
    [InlineData("Enabled")]
    [InlineData("URLValue")]
    [InlineData("IOStream")]
    [InlineData("Cron2Hours")]
    [InlineData("myHTTPServer")]
    [InlineData("ABC")]
    [InlineData("A")]
    [InlineData("already_snake")]
    [InlineData("Mixed_Under")]
    [InlineData("X1Y2")]
    [InlineData("Notify2FA")]
    [InlineData("中文Name")]
    public void Generator_names_keys_as_the_serializer_does(string name)
    {
        // The generator runs on netstandard2.0 and cannot call JsonNamingPolicy: its copy of the rule must agree.
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), GeneratorKeys.SnakeCase(name));
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), GeneratorKeys.Convert(GeneratorNaming.CamelCase, name));
        Assert.Equal(name.ToLowerInvariant(), GeneratorKeys.Convert(GeneratorNaming.Lowercase, name));
    }

    [Fact]
    public void A_plugin_with_only_an_async_page_has_a_page()
    {
        // BuildPageAsync (issue 17) counts as a detail page, as a BuildPage override does.
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Usings + """
            namespace AsyncPage;
            [Plugin] public partial class Paged : PluginBase
            {
                protected override Task<IEnumerable<UiNode>?> BuildPageAsync(CancellationToken cancellationToken) =>
                    Task.FromResult<IEnumerable<UiNode>?>(new[] { Ui.Alert("async") });
            }
            """));
        Assert.Empty(result.CompileErrors);
        Assert.True(ManifestTests.Manifest(GeneratorHarness.Load(result.Output)).Plugins.Single().HasPage);
    }
}

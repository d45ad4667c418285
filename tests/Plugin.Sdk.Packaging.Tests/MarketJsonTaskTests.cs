using System.Text;
using Plugin.Sdk.Build;

namespace Plugin.Sdk.Packaging.Tests;

/// <summary>
/// The package.json task against assemblies compiled here with hand-written market entries: independent of the
/// generator, so these pin the task's own contract (reading, layout, merging, errors).
/// </summary>
public sealed class MarketJsonTaskTests
{
    private const string TwoPlugins = """
        [assembly: Plugin.Sdk.Manifest.PluginMarketEntry("Zeta", "{\"name\":\"Z 插件\",\"version\":\"1.0.0\",\"level\":1,\"history\":{},\"dotnet\":{\"package_id\":\"Pack\"}}")]
        [assembly: Plugin.Sdk.Manifest.PluginMarketEntry("Alpha", "{\"name\":\"豆瓣想看\",\"labels\":\"订阅,豆瓣\",\"version\":\"2.0.0\",\"icon\":\"a.png\",\"level\":2,\"history\":{\"v2.0.0\":\"第一版\\n两行\"},\"dotnet\":{\"package_id\":\"Pack\"}}")]
        """;

    [Fact]
    public void Reads_entries_through_a_reference_to_the_real_attribute()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "Pack", TwoPlugins);

        var entries = MarketEntryReader.Read(dll);

        Assert.Equal(["Zeta", "Alpha"], entries.Select(e => e.PluginId));
        Assert.Contains("豆瓣想看", entries[1].Json);
    }

    [Fact]
    public void Reads_entries_of_an_attribute_defined_in_the_assembly_itself()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "Self", """
            [assembly: Plugin.Sdk.Manifest.PluginMarketEntry("Own", "{\"name\":\"own\"}")]
            [assembly: System.Reflection.AssemblyDescription("not an entry")]
            namespace Plugin.Sdk.Manifest
            {
                [System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)]
                public sealed class PluginMarketEntryAttribute(string pluginId, string json) : System.Attribute { }
            }
            """);

        var entry = Assert.Single(MarketEntryReader.Read(dll));
        Assert.Equal(("Own", "{\"name\":\"own\"}"), (entry.PluginId, entry.Json));
    }

    [Fact]
    public void Writes_sorted_indented_utf8_json_with_readable_cjk_and_reports_plugins()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "Pack", TwoPlugins);
        var engine = new RecordingBuildEngine();
        var task = new WritePluginMarketJson { BuildEngine = engine, AssemblyPath = dll, OutputFile = temp.File("out/package.json") };

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        var bytes = File.ReadAllBytes(temp.File("out/package.json"));
        Assert.False(bytes.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM");
        Assert.Equal("""
            {
              "Alpha": {
                "name": "豆瓣想看",
                "labels": "订阅,豆瓣",
                "version": "2.0.0",
                "icon": "a.png",
                "level": 2,
                "history": {
                  "v2.0.0": "第一版\n两行"
                },
                "dotnet": {
                  "package_id": "Pack"
                }
              },
              "Zeta": {
                "name": "Z 插件",
                "version": "1.0.0",
                "level": 1,
                "history": {},
                "dotnet": {
                  "package_id": "Pack"
                }
              }
            }

            """.Replace("\r\n", "\n"), Encoding.UTF8.GetString(bytes));
        Assert.Equal(["Alpha", "Zeta"], task.Plugins.Select(p => p.ItemSpec));
        Assert.Equal("a.png", task.Plugins[0].GetMetadata("Icon"));
    }

    [Fact]
    public void Unchanged_entries_leave_the_file_untouched()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "Pack", TwoPlugins);
        var output = temp.File("package.json");
        Assert.True(new WritePluginMarketJson { BuildEngine = new RecordingBuildEngine(), AssemblyPath = dll, OutputFile = output }.Execute());
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, stamp);

        Assert.True(new WritePluginMarketJson { BuildEngine = new RecordingBuildEngine(), AssemblyPath = dll, OutputFile = output }.Execute());

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(output));
    }

    [Fact]
    public void An_assembly_without_entries_is_error_MPPB001()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "Library", "public class Helper { }");
        var engine = new RecordingBuildEngine();

        Assert.False(new WritePluginMarketJson { BuildEngine = engine, AssemblyPath = dll, OutputFile = temp.File("package.json") }.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("MPPB001", error.Code);
        Assert.Contains("IsPluginPackage", error.Message);
        Assert.False(File.Exists(temp.File("package.json")));
    }

    [Fact]
    public void An_assembly_with_music_sources_but_no_plugin_is_MPPB001_saying_what_to_add()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "MyTunes", """
            using Plugin.Sdk.Music;
            [MusicSource("tunes")]
            public sealed class Tunes : IMusicSource { }
            public class Helper { }
            """);
        var engine = new RecordingBuildEngine();

        Assert.False(new WritePluginMarketJson { BuildEngine = engine, AssemblyPath = dll, OutputFile = temp.File("package.json") }.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("MPPB001", error.Code);
        Assert.Contains("MyTunes.dll has [MusicSource] class(es) (Tunes) but no [Plugin] class", error.Message);
        Assert.Contains("public partial class MyTunesPlugin : PluginBase;", error.Message);
        Assert.Contains("dotnet new mpmusic", error.Message);
        Assert.False(File.Exists(temp.File("package.json")));
    }

    [Fact]
    public void A_music_list_in_an_entry_is_written_as_nested_arrays_and_objects()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "Tunes", """
            [assembly: Plugin.Sdk.Manifest.PluginMarketEntry("TunesPlugin", "{\"name\":\"音源\",\"version\":\"1.0.0\",\"music\":[{\"platform\":\"小音\",\"primaryKey\":[\"id\"],\"hints\":{\"importMusicItem\":[\"链接\"]},\"functions\":[\"search\"]}]}")]
            """);
        var engine = new RecordingBuildEngine();

        Assert.True(new WritePluginMarketJson { BuildEngine = engine, AssemblyPath = dll, OutputFile = temp.File("package.json") }.Execute(),
            string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.Equal("""
            {
              "TunesPlugin": {
                "name": "音源",
                "version": "1.0.0",
                "music": [
                  {
                    "platform": "小音",
                    "primaryKey": [
                      "id"
                    ],
                    "hints": {
                      "importMusicItem": [
                        "链接"
                      ]
                    },
                    "functions": [
                      "search"
                    ]
                  }
                ]
              }
            }

            """.Replace("\r\n", "\n"), File.ReadAllText(temp.File("package.json")));
    }

    [Fact]
    public void An_entry_that_is_not_json_is_error_MPPB003()
    {
        using var temp = new TempDirectory();
        var dll = TestAssemblies.Compile(temp.Path, "Broken", """[assembly: Plugin.Sdk.Manifest.PluginMarketEntry("Broken", "{\"name\":")]""");
        var engine = new RecordingBuildEngine();

        Assert.False(new WritePluginMarketJson { BuildEngine = engine, AssemblyPath = dll, OutputFile = temp.File("package.json") }.Execute());

        Assert.Equal("MPPB003", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Merging_replaces_a_renamed_plugin_of_the_same_project_and_keeps_other_projects()
    {
        using var temp = new TempDirectory();
        var merged = temp.File("artifacts/package.json");
        var state = temp.File("obj/ids");
        Directory.CreateDirectory(temp.File("artifacts"));
        File.WriteAllText(merged, """{ "Other": { "name": "other", "dotnet": { "package_id": "OtherPack" } } }""");

        var before = TestAssemblies.Compile(temp.Path, "Before", """
            [assembly: Plugin.Sdk.Manifest.PluginMarketEntry("OldName", "{\"name\":\"old\",\"dotnet\":{\"package_id\":\"Pack\"}}")]
            """);
        Assert.True(new WritePluginMarketJson { BuildEngine = new RecordingBuildEngine(), AssemblyPath = before, OutputFile = temp.File("a/package.json"), MergedFile = merged, StateFile = state, PackageId = "Pack" }.Execute());
        Assert.Equal(["OldName", "Other"], Keys(merged));

        var after = TestAssemblies.Compile(temp.Path, "After", """
            [assembly: Plugin.Sdk.Manifest.PluginMarketEntry("NewName", "{\"name\":\"new\",\"dotnet\":{\"package_id\":\"Pack\"}}")]
            """);
        Assert.True(new WritePluginMarketJson { BuildEngine = new RecordingBuildEngine(), AssemblyPath = after, OutputFile = temp.File("a/package.json"), MergedFile = merged, StateFile = state, PackageId = "Pack" }.Execute());

        Assert.Equal(["NewName", "Other"], Keys(merged));
        Assert.Equal(["NewName"], Keys(temp.File("a/package.json")));
    }

    [Fact]
    public void Entries_stamped_with_the_project_package_id_are_its_own_even_without_state()
    {
        var document = (JsonObject)JsonNode.Parse("""{ "Gone": { "dotnet": { "package_id": "Pack" } }, "Kept": { "dotnet": { "package_id": "Else" } } }""");
        var entry = (JsonObject)JsonNode.Parse("""{ "dotnet": { "package_id": "Pack" } }""");

        var overwritten = MarketJsonFile.Merge(document, [new("Fresh", entry)], [], "Pack");

        Assert.Empty(overwritten);
        Assert.Equal(["Fresh", "Kept"], document.Properties.Select(p => p.Key));
    }

    [Fact]
    public void A_plugin_id_written_by_another_project_is_warning_MPPB005()
    {
        using var temp = new TempDirectory();
        var merged = temp.File("package.json");
        File.WriteAllText(merged, """{ "Same": { "name": "theirs", "dotnet": { "package_id": "TheirPack" } } }""");
        var dll = TestAssemblies.Compile(temp.Path, "Mine", """
            [assembly: Plugin.Sdk.Manifest.PluginMarketEntry("Same", "{\"name\":\"mine\",\"dotnet\":{\"package_id\":\"MyPack\"}}")]
            """);
        var engine = new RecordingBuildEngine();

        Assert.True(new WritePluginMarketJson { BuildEngine = engine, AssemblyPath = dll, OutputFile = temp.File("out.json"), MergedFile = merged, PackageId = "MyPack" }.Execute());

        Assert.Equal("MPPB005", Assert.Single(engine.Warnings).Code);
        Assert.Contains("\"mine\"", File.ReadAllText(merged));
    }

    [Fact]
    public void Concurrent_merges_into_one_file_lose_no_entry()
    {
        using var temp = new TempDirectory();
        var merged = temp.File("artifacts/package.json");
        var dlls = Enumerable.Range(0, 8).Select(i => TestAssemblies.Compile(temp.Path, "P" + i,
            $$$"""[assembly: Plugin.Sdk.Manifest.PluginMarketEntry("Plugin{{{i}}}", "{\"name\":\"p{{{i}}}\",\"dotnet\":{\"package_id\":\"P{{{i}}}\"}}")]""")).ToArray();

        // Each writer holds the lock file with FileShare.None (an OS file lock on Unix), as parallel MSBuild nodes do.
        Parallel.For(0, dlls.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var engine = new RecordingBuildEngine();
            var ok = new WritePluginMarketJson { BuildEngine = engine, AssemblyPath = dlls[i], OutputFile = temp.File($"p{i}/package.json"), MergedFile = merged, PackageId = "P" + i }.Execute();
            Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Message)));
        });

        Assert.Equal(Enumerable.Range(0, 8).Select(i => "Plugin" + i), Keys(merged));
    }

    [Fact]
    public void Json_round_trip_keeps_numbers_literals_escapes_and_order()
    {
        const string text = """{"b":[1,-2.5e3,true,false,null,{}],"a":"\u00e9\"\\\/\t\u2028","c":[]}""";

        var written = JsonNode.Parse(text).ToIndentedString();

        Assert.Equal("{\n  \"b\": [\n    1,\n    -2.5e3,\n    true,\n    false,\n    null,\n    {}\n  ],\n  \"a\": \"é\\\"\\\\/\\t\\u2028\",\n  \"c\": []\n}\n", written);
        Assert.Equal(written, JsonNode.Parse(written).ToIndentedString());
    }

    [Theory]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\" 1}")]
    [InlineData("[1,]")]
    [InlineData("{} x")]
    [InlineData("\"open")]
    public void Invalid_json_is_rejected(string text) => Assert.Throws<FormatException>(() => JsonNode.Parse(text));

    private static string[] Keys(string path) =>
        ((JsonObject)JsonNode.Parse(File.ReadAllText(path))).Properties.Select(p => p.Key).ToArray();
}

using System.IO.Compression;
using System.Text.Json;
using NuGet.Packaging;

namespace Plugin.Sdk.Packaging.Tests;

/// <summary>
/// End to end, as an author works: a plugin project with a PackageReference to the freshly packed Plugin.Sdk, built and
/// packed by the real dotnet CLI, and the .nupkg read back with NuGet.Packaging as the host reads it.
/// </summary>
[Collection(PackCollection.Name)]
public sealed class PluginPackTests(PackFixture fixture)
{
    // A 1x1 PNG: the icon only has to exist and travel into the package unchanged.
    private static readonly byte[] Icon = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public void Plugin_sdk_package_carries_the_generator_task_and_targets()
    {
        using var archive = ZipFile.OpenRead(fixture.SdkPackage);
        var files = archive.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/Plugin.Sdk.dll", files);
        Assert.Contains("lib/net10.0/Plugin.Sdk.xml", files);
        Assert.Contains("analyzers/dotnet/cs/Plugin.Sdk.Generators.dll", files);
        Assert.Contains("analyzers/dotnet/cs/Plugin.Sdk.CodeFixes.dll", files);
        Assert.Contains("tasks/netstandard2.0/Plugin.Sdk.Build.dll", files);
        Assert.Contains("build/Plugin.Sdk.props", files);
        Assert.Contains("build/Plugin.Sdk.targets", files);
        Assert.Contains("buildTransitive/Plugin.Sdk.props", files);
        Assert.Contains("buildTransitive/Plugin.Sdk.targets", files);
        Assert.Contains("README.md", files);
        // The in-repo wiring is for this repository only.
        Assert.DoesNotContain(files, f => f.Contains("InRepo", StringComparison.Ordinal));

        using var reader = new PackageArchiveReader(fixture.SdkPackage);
        var dependencies = reader.NuspecReader.GetDependencyGroups().SelectMany(g => g.Packages).Select(p => p.Id).ToList();
        Assert.DoesNotContain("Plugin.Sdk.Generators", dependencies);
        Assert.DoesNotContain("Plugin.Sdk.CodeFixes", dependencies);
        Assert.DoesNotContain("Plugin.Sdk.Build", dependencies);
    }

    /// <summary>
    /// DESIGN.md §3 is the public author's contract: its example, with the bodies filled in and no using lines at all,
    /// builds and packs against the packed SDK (the SDK's targets add its namespaces as implicit usings).
    /// </summary>
    [Fact]
    public void The_design_example_builds_and_packs_as_written()
    {
        var workspace = fixture.NewWorkspace("design");
        var project = WritePlugin(workspace, "DoubanSync", "1.0.0", "DoubanSync", "");
        File.WriteAllText(Path.Combine(project, "Plugin.cs"), """
            [Plugin(Name = "豆瓣想看", Description = "同步豆瓣想看数据，自动添加订阅", Icon = "douban.png",
                    Author = "someone", Level = 2, Labels = new[] { "订阅", "豆瓣" })]
            public partial class DoubanSync : PluginBase<DoubanSyncConfig>
            {
                [Command("/douban_sync", "同步豆瓣想看", Category = "订阅")]
                public Task SyncCommand(CommandContext context) { return Task.CompletedTask; }

                [Api("/delete_history", HttpVerb.Get, Summary = "删除同步历史")]
                public ApiResult DeleteHistory(string doubanid) { return ApiResult.Ok(); }

                [Service("douban_sync", "豆瓣想看同步", CronFrom = nameof(DoubanSyncConfig.Cron))]
                public Task SyncJob(CancellationToken cancellationToken) { return Task.CompletedTask; }

                [EventHandler(EventType.TransferComplete)]
                public void OnTransferComplete(TransferCompleteEventData data) { Logger.LogInformation("{Title}", data.MediaInfo?.Title); }

                [ChainHandler(ChainEventType.NameRecognize, Priority = 10)]
                public Task OnNameRecognize(NameRecognizeEventData data, CancellationToken cancellationToken) { return Task.CompletedTask; }

                [Dashboard("stats", "同步统计", Cols = 12, Md = 6, Refresh = 30)]
                public DashboardView Stats() { return new DashboardView(Ui.Alert("ok")); }

                [WorkflowAction("sync", "同步豆瓣想看")]
                public Task<ActionResult> SyncAction(ActionContext context) { return Task.FromResult(ActionResult.Ok(context)); }
            }

            public class DoubanSyncConfig : PluginConfig
            {
                public string Cron { get; set; } = "0 */6 * * *";
            }
            """);
        File.WriteAllBytes(Path.Combine(project, "douban.png"), Icon);

        fixture.Run(project, "pack", "-c", "Release", "-o", Path.Combine(workspace, "out")).ShouldSucceed("dotnet pack of the DESIGN.md example");

        using var reader = new PackageArchiveReader(Path.Combine(workspace, "out", "DoubanSync.1.0.0.nupkg"));
        Assert.Contains(reader.NuspecReader.GetPackageTypes(), t => t.Name == "MoviePilotPlugin");
        using var json = JsonDocument.Parse(ReadAll(reader, "package.json"));
        var entry = json.RootElement.GetProperty("DoubanSync");
        Assert.Equal("豆瓣想看", entry.GetProperty("name").GetString());
        Assert.Equal("订阅,豆瓣", entry.GetProperty("labels").GetString());
        Assert.Equal(2, entry.GetProperty("level").GetInt32());
    }

    [Fact]
    public void Pack_of_a_plugin_project_gives_a_MoviePilotPlugin_package()
    {
        var workspace = fixture.NewWorkspace("single");
        var project = WritePlugin(workspace, "EchoPlugin", "2.3.4", "EchoPlugin", """
            [Plugin(Name = "回声", Description = "把消息原样发回", Author = "tester", Level = 2, Labels = ["消息", "测试"])]
            [PluginHistory("2.3.4", "支持 Cron 表达式")]
            [PluginHistory("2.3.0", "第一版")]
            public partial class EchoPlugin : PluginBase<EchoConfig>
            {
                public static string Describe() => Cronos.CronExpression.Parse("0 * * * *").ToString();
            }
            public sealed class EchoConfig : PluginConfig { }
            """, dependencies: """<PackageReference Include="Cronos" Version="0.13.0" />""");

        fixture.Run(project, "pack", "-c", "Release", "-o", Path.Combine(workspace, "out")).ShouldSucceed("dotnet pack EchoPlugin");

        var nupkg = Path.Combine(workspace, "out", "EchoPlugin.2.3.4.nupkg");
        using var reader = new PackageArchiveReader(nupkg);
        var nuspec = reader.NuspecReader;
        Assert.Contains(nuspec.GetPackageTypes(), t => t.Name == "MoviePilotPlugin");
        var files = reader.GetFiles().ToHashSet();
        Assert.Contains("lib/net10.0/EchoPlugin.dll", files);
        Assert.Contains("package.json", files);
        Assert.Contains("icon.png", files);
        Assert.Contains("README.md", files);
        Assert.Equal("icon.png", nuspec.GetIcon());
        Assert.Equal("README.md", nuspec.GetReadme());
        Assert.Equal(Icon, ReadAll(reader, "icon.png"));
        // The host supplies Plugin.Sdk and resolves third-party libraries as NuGet dependencies: none is bundled.
        Assert.DoesNotContain(files, f => f.EndsWith("Cronos.dll", StringComparison.Ordinal) || f.EndsWith("Plugin.Sdk.dll", StringComparison.Ordinal));
        var dependencies = nuspec.GetDependencyGroups().SelectMany(g => g.Packages).ToDictionary(p => p.Id, p => p.VersionRange.MinVersion?.ToString());
        Assert.Equal("0.13.0", dependencies["Cronos"]);
        Assert.Equal(PackFixture.SdkVersion, dependencies["Plugin.Sdk"]);

        using var json = JsonDocument.Parse(ReadAll(reader, "package.json"));
        var entry = json.RootElement.GetProperty("EchoPlugin");
        Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("2.3.4", entry.GetProperty("version").GetString());
        Assert.Equal("回声", entry.GetProperty("name").GetString());
        Assert.Equal("把消息原样发回", entry.GetProperty("description").GetString());
        Assert.Equal(2, entry.GetProperty("level").GetInt32());
        Assert.Equal("消息,测试", entry.GetProperty("labels").GetString());
        Assert.Equal("tester", entry.GetProperty("author").GetString());
        var history = entry.GetProperty("history").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("支持 Cron 表达式", history["v2.3.4"]);
        Assert.Equal("第一版", history["v2.3.0"]);
        // Readable CJK, as in MoviePilot's repositories, and the same bytes as the build output's package.json.
        var text = System.Text.Encoding.UTF8.GetString(ReadAll(reader, "package.json"));
        Assert.Contains("\"回声\"", text);
        Assert.Equal(File.ReadAllText(Path.Combine(project, "bin", "Release", "net10.0", "package.json")), text);
    }

    [Fact]
    public void A_solution_with_two_plugin_projects_yields_one_merged_package_json_without_stale_entries()
    {
        var workspace = fixture.NewWorkspace("solution");
        var alpha = WritePlugin(workspace, "AlphaPlugin", "1.0.0", "AlphaPlugin", """
            [Plugin(Name = "甲", Description = "first")]
            public partial class AlphaPlugin : PluginBase { }
            """);
        WritePlugin(workspace, "BetaPlugin", "3.1.0", "BetaPlugin", """
            [Plugin(Name = "乙", Description = "second", Level = 3)]
            public partial class BetaPlugin : PluginBase { }
            """);
        fixture.Run(workspace, "new", "sln", "--format", "sln", "-n", "Plugins").ShouldSucceed("dotnet new sln");
        fixture.Run(workspace, "sln", "Plugins.sln", "add", "AlphaPlugin/AlphaPlugin.csproj", "BetaPlugin/BetaPlugin.csproj").ShouldSucceed("dotnet sln add");

        fixture.Run(workspace, "pack", "Plugins.sln", "-c", "Release", "-o", Path.Combine(workspace, "out")).ShouldSucceed("dotnet pack Plugins.sln");

        var merged = Path.Combine(workspace, "artifacts", "package.json");
        using (var json = JsonDocument.Parse(File.ReadAllText(merged)))
        {
            Assert.Equal(["AlphaPlugin", "BetaPlugin"], json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("1.0.0", json.RootElement.GetProperty("AlphaPlugin").GetProperty("version").GetString());
            Assert.Equal("3.1.0", json.RootElement.GetProperty("BetaPlugin").GetProperty("version").GetString());
            Assert.Equal(3, json.RootElement.GetProperty("BetaPlugin").GetProperty("level").GetInt32());
        }
        Assert.True(File.Exists(Path.Combine(workspace, "out", "AlphaPlugin.1.0.0.nupkg")));
        Assert.True(File.Exists(Path.Combine(workspace, "out", "BetaPlugin.3.1.0.nupkg")));

        // Renaming a plugin class renames its id: the next build replaces the old entry instead of keeping both.
        File.WriteAllText(Path.Combine(alpha, "Plugin.cs"), Source("AlphaPlugin", """
            [Plugin(Name = "甲二", Description = "renamed")]
            public partial class AlphaRenamed : PluginBase { }
            """));
        fixture.Run(workspace, "build", "Plugins.sln", "-c", "Release").ShouldSucceed("dotnet build Plugins.sln after a rename");

        using (var json = JsonDocument.Parse(File.ReadAllText(merged)))
            Assert.Equal(["AlphaRenamed", "BetaPlugin"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    /// <summary>
    /// What <c>dotnet new mpmusic -n TunesSource</c> writes (the template's own files, with the template engine's
    /// replacements done here), packed for real: package.json lists the C# music source under its carrier plugin.
    /// </summary>
    [Fact]
    public void The_mpmusic_template_packs_with_its_music_source_in_package_json()
    {
        var workspace = fixture.NewWorkspace("music");
        var project = Path.Combine(workspace, "TunesSource");
        Directory.CreateDirectory(project);
        var template = Path.Combine(fixture.RepositoryRoot, "templates", "content", "mpmusic");
        foreach (var file in Directory.GetFiles(template))
        {
            var name = Path.GetFileName(file);
            // nuget.config is only written with --SdkFeed; the fixture's own nuget.config above the workspace applies.
            if (name == "nuget.config") continue;
            var target = Path.Combine(project, name.Replace("MySource", "TunesSource", StringComparison.Ordinal));
            if (name.EndsWith(".png", StringComparison.Ordinal)) { File.Copy(file, target); continue; }
            File.WriteAllText(target, File.ReadAllText(file)
                .Replace("TemplateAuthorJson", "\"tester\"").Replace("TemplateAuthorXml", "tester")
                .Replace("TemplateDescriptionJson", "\"测试音源\"").Replace("TemplateDescriptionXml", "测试音源").Replace("TemplateDescriptionText", "测试音源")
                .Replace("MySource", "TunesSource"));
        }

        fixture.Run(project, "pack", "-c", "Release", "-o", Path.Combine(workspace, "out")).ShouldSucceed("dotnet pack of the mpmusic template's project");

        using var reader = new PackageArchiveReader(Path.Combine(workspace, "out", "TunesSource.1.0.0.nupkg"));
        Assert.Contains(reader.NuspecReader.GetPackageTypes(), t => t.Name == "MoviePilotPlugin");
        using var json = JsonDocument.Parse(ReadAll(reader, "package.json"));
        var entry = json.RootElement.GetProperty("TunesSourcePlugin");
        Assert.Equal("测试音源", entry.GetProperty("description").GetString());
        var music = Assert.Single(entry.GetProperty("music").EnumerateArray().ToList());
        Assert.Equal("TunesSource", music.GetProperty("platform").GetString());
        Assert.Equal("1.0.0", music.GetProperty("version").GetString());
        Assert.Equal("tester", music.GetProperty("author").GetString());
        Assert.Equal("测试音源", music.GetProperty("description").GetString());
        Assert.Equal(["id"], music.GetProperty("primaryKey").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("no-cache", music.GetProperty("cacheControl").GetString());
        Assert.Equal(["music"], music.GetProperty("supportedSearchType").EnumerateArray().Select(e => e.GetString()));
        var variable = Assert.Single(music.GetProperty("userVariables").EnumerateArray().ToList());
        Assert.Equal(("server", "Server address"), (variable.GetProperty("key").GetString(), variable.GetProperty("name").GetString()));
        Assert.StartsWith("Base URL", variable.GetProperty("hint").GetString());
        Assert.Equal(["search", "getMediaSource", "getLyric"], music.GetProperty("functions").EnumerateArray().Select(e => e.GetString()));
        Assert.False(music.TryGetProperty("hints", out _));
    }

    [Fact]
    public void Author_mistakes_fail_the_build_with_MPPB_codes_and_libraries_opt_out()
    {
        var workspace = fixture.NewWorkspace("mistakes");
        WritePlugin(workspace, "NoIcon", "1.0.0", "NoIcon", """
            [Plugin(Name = "no icon", Description = "icon file missing")]
            public partial class NoIcon : PluginBase { }
            """, properties: "<PluginIcon>missing.png</PluginIcon>", icon: false);
        WritePlugin(workspace, "NoPlugin", "1.0.0", "NoPlugin", "public class JustAClass { }", icon: false);
        var library = WritePlugin(workspace, "SharedLib", "1.0.0", "SharedLib", "public static class Shared { public const int Answer = 42; }",
            properties: "<IsPluginPackage>false</IsPluginPackage>", icon: false);
        // Source mistakes come from the analyzers packed beside the generator (and the code-fix dll there must not
        // disturb the command-line compiler, which loads every assembly of the folder).
        WritePlugin(workspace, "NoSlash", "1.2", "NoSlash", """
            [Plugin(Name = "no slash", Description = "a command without its slash")]
            public partial class NoSlash : PluginBase
            {
                [Command("sync", "sync")] public void Sync() { }
            }
            """, icon: false);
        fixture.Run(workspace, "new", "sln", "--format", "sln", "-n", "Mistakes").ShouldSucceed("dotnet new sln");
        fixture.Run(workspace, "sln", "Mistakes.sln", "add", "NoIcon/NoIcon.csproj", "NoPlugin/NoPlugin.csproj", "SharedLib/SharedLib.csproj",
            "NoSlash/NoSlash.csproj").ShouldSucceed("dotnet sln add");

        var result = fixture.Run(workspace, "pack", "Mistakes.sln", "-c", "Release", "-o", Path.Combine(workspace, "out"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"NoIcon\.csproj.*error MPPB002: The plugin icon 'missing\.png' does not exist", result.Output);
        Assert.Matches(@"error MPPB001: NoPlugin\.dll has no \[Plugin\] class", result.Output);
        Assert.DoesNotContain("SharedLib.csproj : error", result.Output);
        Assert.DoesNotMatch(@"error MPPB\d+[^\n]*SharedLib", result.Output);
        Assert.Matches(@"Plugin\.cs\(\d+,\d+\): error MPP0001: Command 'sync' must start with '/'", result.Output);
        Assert.Matches(@"Plugin\.cs\(\d+,\d+\): error MPP0019: Version '1\.2' of plugin 'NoSlash' is not a semantic version", result.Output);
        Assert.DoesNotContain("CS8032", result.Output);
        Assert.DoesNotContain("AD0001", result.Output);
        // The opted-out library is an ordinary package: no plugin type, no package.json.
        var nupkg = Path.Combine(workspace, "out", "SharedLib.1.0.0.nupkg");
        Assert.True(File.Exists(nupkg), "SharedLib packs:\n" + result.Output);
        using var reader = new PackageArchiveReader(nupkg);
        Assert.DoesNotContain(reader.NuspecReader.GetPackageTypes(), t => t.Name == "MoviePilotPlugin");
        Assert.DoesNotContain("package.json", reader.GetFiles());
        Assert.False(File.Exists(Path.Combine(library, "bin", "Release", "net10.0", "package.json")));
    }

    [Fact]
    public void A_vue_mode_plugin_packs_its_module_at_ui_remote_js_and_fails_MPPB008_without_it()
    {
        var workspace = fixture.NewWorkspace("vue");
        const string module = "export function Page(sdk) { const { h } = sdk.vue; return { setup: () => () => h('b', 'vue page') } }\n";
        var page = WritePlugin(workspace, "VuePage", "1.0.0", "VuePage", """
            [Plugin(Name = "vue page", Description = "its page is its own module", RenderMode = RenderMode.Vue)]
            public partial class VuePage : PluginBase
            {
                [Dashboard("w", "widget")]
                public DashboardView Widget() => DashboardView.Vue();
            }
            """, icon: false);
        Directory.CreateDirectory(Path.Combine(page, "ui"));
        File.WriteAllText(Path.Combine(page, "ui", "remote.js"), module);
        // A module built elsewhere, named with the property: still packed at ui/remote.js, where the host looks.
        var custom = WritePlugin(workspace, "CustomModule", "1.0.0", "CustomModule", """
            [Plugin(Name = "custom module", Description = "module built into dist/", RenderMode = RenderMode.Vue)]
            public partial class CustomModule : PluginBase
            {
                protected override FormView BuildForm() => FormView.Vue(DefaultConfig());
            }
            """, properties: "<PluginRemoteModule>dist/page.mjs</PluginRemoteModule>", icon: false);
        Directory.CreateDirectory(Path.Combine(custom, "dist"));
        File.WriteAllText(Path.Combine(custom, "dist", "page.mjs"), "export default { render: () => null }\n");
        WritePlugin(workspace, "NoModule", "1.0.0", "NoModule", """
            [Plugin(Name = "no module", Description = "declares vue, ships nothing", RenderMode = RenderMode.Vue)]
            public partial class NoModule : PluginBase { }
            """, icon: false);
        WritePlugin(workspace, "WrongPath", "1.0.0", "WrongPath", """
            [Plugin(Name = "wrong path", Description = "names a module that is not there", RenderMode = RenderMode.Vue)]
            public partial class WrongPath : PluginBase { }
            """, properties: "<PluginRemoteModule>dist/remote.js</PluginRemoteModule>", icon: false);
        fixture.Run(workspace, "new", "sln", "--format", "sln", "-n", "Vue").ShouldSucceed("dotnet new sln");
        fixture.Run(workspace, "sln", "Vue.sln", "add", "VuePage/VuePage.csproj", "CustomModule/CustomModule.csproj", "NoModule/NoModule.csproj",
            "WrongPath/WrongPath.csproj").ShouldSucceed("dotnet sln add");

        var result = fixture.Run(workspace, "pack", "Vue.sln", "-c", "Release", "-o", Path.Combine(workspace, "out"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"NoModule\.csproj.*error MPPB008: Plugin NoModule declares \[Plugin\(RenderMode = RenderMode\.Vue\)\], but the project has no compiled Vue module", result.Output);
        Assert.Matches(@"WrongPath\.csproj.*error MPPB008: The plugin's remote module 'dist/remote\.js' does not exist", result.Output);
        Assert.False(File.Exists(Path.Combine(workspace, "out", "NoModule.1.0.0.nupkg")), "a vue plugin without its module is not packed");
        Assert.DoesNotMatch(@"error MPPB\d+[^\n]*(VuePage|CustomModule)", result.Output);

        using (var reader = new PackageArchiveReader(Path.Combine(workspace, "out", "VuePage.1.0.0.nupkg")))
        {
            Assert.Equal(module, System.Text.Encoding.UTF8.GetString(ReadAll(reader, "ui/remote.js")));
            using var json = JsonDocument.Parse(ReadAll(reader, "package.json"));
            Assert.Equal("vue", json.RootElement.GetProperty("VuePage").GetProperty("render_mode").GetString());
        }
        using (var reader = new PackageArchiveReader(Path.Combine(workspace, "out", "CustomModule.1.0.0.nupkg")))
        {
            Assert.Equal("export default { render: () => null }\n", System.Text.Encoding.UTF8.GetString(ReadAll(reader, "ui/remote.js")));
            Assert.DoesNotContain(reader.GetFiles(), f => f.EndsWith("page.mjs", StringComparison.Ordinal));
        }
    }

    private string WritePlugin(string workspace, string name, string version, string rootNamespace, string body,
        string dependencies = "", string properties = "", bool icon = true)
    {
        var directory = Path.Combine(workspace, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Version>{version}</Version>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <Description>{name} for the packaging tests</Description>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Plugin.Sdk" Version="{PackFixture.SdkVersion}" />
                {dependencies}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Plugin.cs"), Source(rootNamespace, body));
        File.WriteAllText(Path.Combine(directory, "README.md"), $"# {name}\n\nA plugin of the packaging tests.\n");
        if (icon) File.WriteAllBytes(Path.Combine(directory, "icon.png"), Icon);
        return directory;
    }

    private static string Source(string rootNamespace, string body) => $"using Plugin.Sdk;\n\nnamespace {rootNamespace};\n\n{body}\n";

    private static byte[] ReadAll(PackageArchiveReader reader, string path)
    {
        using var stream = reader.GetStream(path);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace Plugin.Sdk.Templates.Tests;

[Collection(TemplateCollection.Name)]
[Trait("Category", "Templates")]
public sealed class TemplateTests(TemplateEnvironment env)
{
    private static readonly string[] ShortNames = ["mpplugin", "mpplugin-repo", "mpmusic", "mpplugin-item"];

    [Fact]
    public void Every_template_is_listed_and_has_a_description()
    {
        var list = env.New("list", env.Root).EnsureSuccess().Output;
        foreach (var name in ShortNames)
        {
            Assert.Contains(name, list);
            var help = env.New($"{name} --help", env.Root).EnsureSuccess().Output;
            Assert.Contains("Description:", help);
        }
    }

    [Fact]
    public void Mpplugin_with_options_and_every_item_kind_builds_without_warnings_and_packs_a_plugin_package()
    {
        var root = env.Folder("mpplugin");
        env.New($"mpplugin -n HelloPlugin --plugin-author \"Ann \\\"A\\\" <a@b.c>\" --level 3 --description \"Greets & counts\" --sdk-feed \"{env.SdkFeed}\"", root).EnsureSuccess();
        var project = Path.Combine(root, "HelloPlugin");
        foreach (var kind in new[] { "command", "api", "service", "event", "chain", "dashboard", "action" })
            env.New($"mpplugin-item --kind {kind}", project).EnsureSuccess();
        env.New("mpplugin-item --kind api --member Stats --plugin HelloPlugin --namespace HelloPlugin", project).EnsureSuccess();

        Assert.True(File.Exists(Path.Combine(project, "HelloPlugin.Ping.cs")));
        Assert.True(File.Exists(Path.Combine(project, "HelloPlugin.Stats.cs")));
        Assert.True(File.Exists(Path.Combine(project, "icon.png")));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(project, "icon.png"))[..4]);
        var source = File.ReadAllText(Path.Combine(project, "HelloPlugin.cs"));
        Assert.Contains("Author = \"Ann \\\"A\\\" <a@b.c>\"", source);
        Assert.Contains("Level = 3", source);
        Assert.Contains("[Command(\"/helloplugin\"", source);

        Build(project);
        var feed = env.Folder("feed");
        env.Shell.Dotnet(project, $"pack -c Release -o \"{feed}\" --nologo").EnsureSuccess();

        var package = TemplateEnvironment.ReadPackage(Path.Combine(feed, "HelloPlugin.1.0.0.nupkg"));
        Assert.Contains("lib/net10.0/HelloPlugin.dll", package.Keys);
        Assert.Contains("icon.png", package.Keys);
        Assert.Contains("README.md", package.Keys);
        var nuspec = Encoding.UTF8.GetString(package["HelloPlugin.nuspec"]);
        Assert.Contains("<packageType name=\"MoviePilotPlugin\" />", nuspec);
        Assert.Contains("<dependency id=\"Plugin.Sdk\" version=\"" + TemplateEnvironment.Version + "\"", nuspec);
        var entry = JsonNode.Parse(package["package.json"])!["HelloPlugin"]!;
        Assert.Equal("1.0.0", entry["version"]!.GetValue<string>());
        Assert.Equal(3, entry["level"]!.GetValue<int>());
        Assert.Equal("Ann \"A\" <a@b.c>", entry["author"]!.GetValue<string>());
        Assert.Equal("Greets & counts", entry["description"]!.GetValue<string>());
    }

    [Fact]
    public void Mpplugin_without_any_part_still_builds_without_warnings()
    {
        var root = env.Folder("bare");
        env.New($"mpplugin -n BarePlugin --no-command --no-api --no-service --no-event --no-dashboard --sdk-feed \"{env.SdkFeed}\"", root).EnsureSuccess();
        var project = Path.Combine(root, "BarePlugin");
        var source = File.ReadAllText(Path.Combine(project, "BarePlugin.cs"));
        Assert.DoesNotContain("[Command", source);
        Assert.DoesNotContain("[Api", source);
        Assert.DoesNotContain("[Service", source);
        Assert.DoesNotContain("[EventHandler", source);
        Assert.DoesNotContain("[Dashboard", source);
        Assert.DoesNotContain("#if", source);

        Build(project);
    }

    [Fact]
    public void Mpplugin_keeps_only_what_the_author_asked_for()
    {
        // Issue 17: no service → no schedule in the config; an icon named elsewhere → no placeholder icon.png; labels as
        // given (none by default); the README shown in the market says nothing about the greeting example.
        var root = env.Folder("asked");
        env.New($"mpplugin -n PortPlugin --no-service --icon https://example.org/port.png --labels \"站点, 工具\" --sdk-feed \"{env.SdkFeed}\"", root).EnsureSuccess();
        var project = Path.Combine(root, "PortPlugin");
        var config = File.ReadAllText(Path.Combine(project, "PortPluginConfig.cs"));
        Assert.DoesNotContain("Cron", config);
        Assert.DoesNotContain("Cron", File.ReadAllText(Path.Combine(project, "PortPlugin.cs")));
        Assert.False(File.Exists(Path.Combine(project, "icon.png")));
        Assert.Contains("Labels = new[] { \"站点\", \"工具\" }", File.ReadAllText(Path.Combine(project, "PortPlugin.cs")));
        var shown = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(project, "README.md")), "<!--.*?-->", "",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.DoesNotContain("greet", shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("#if", File.ReadAllText(Path.Combine(project, "README.md")));
        Build(project);

        var plain = env.Folder("plain");
        env.New($"mpplugin -n PlainPlugin --sdk-feed \"{env.SdkFeed}\"", plain).EnsureSuccess();
        var source = File.ReadAllText(Path.Combine(plain, "PlainPlugin", "PlainPlugin.cs"));
        Assert.DoesNotContain("Labels", source);
        Assert.DoesNotContain("tools", source);
        Assert.True(File.Exists(Path.Combine(plain, "PlainPlugin", "icon.png")));
        Assert.Contains("Cron", File.ReadAllText(Path.Combine(plain, "PlainPlugin", "PlainPluginConfig.cs")));
    }

    [Fact]
    public void Mpplugin_repo_builds_its_tests_pass_and_it_packs()
    {
        var root = env.Folder("repo");
        env.New($"mpplugin-repo -n MyPlugins --plugin WatchSync --sdk-feed \"{env.SdkFeed}\"", root).EnsureSuccess();
        var repo = Path.Combine(root, "MyPlugins");
        foreach (var file in new[] { "MyPlugins.slnx", "Directory.Build.props", "nuget.config", ".github/workflows/release.yml", ".gitignore",
                     "plugins/WatchSync/WatchSync.csproj", "plugins/WatchSync/icon.png", "tests/WatchSync.Tests/WatchSync.Tests.csproj" })
            Assert.True(File.Exists(Path.Combine(repo, file)), file);
        var workflow = File.ReadAllText(Path.Combine(repo, ".github/workflows/release.yml"));
        Assert.Contains("tags: [ \"v*\" ]", workflow);
        Assert.Contains("dotnet nuget push", workflow);

        var test = env.Shell.Dotnet(repo, "test MyPlugins.slnx -warnaserror --nologo", TimeSpan.FromMinutes(10)).EnsureSuccess();
        Assert.Contains("Passed!", test.Output);
        Assert.DoesNotContain("warning", test.Output, StringComparison.OrdinalIgnoreCase);
        env.Shell.Dotnet(repo, "pack MyPlugins.slnx -c Release --nologo").EnsureSuccess();
        Assert.True(File.Exists(Path.Combine(repo, "artifacts/packages/WatchSync.1.0.0.nupkg")));
    }

    [Fact]
    public void Mpmusic_builds_without_warnings_and_packs()
    {
        var root = env.Folder("music");
        env.New($"mpmusic -n LiteMusic --sdk-feed \"{env.SdkFeed}\"", root).EnsureSuccess();
        var project = Path.Combine(root, "LiteMusic");
        Assert.Contains("[MusicSource(\"LiteMusic\"", File.ReadAllText(Path.Combine(project, "LiteMusic.cs")));

        Build(project);
        var feed = env.Folder("music-feed");
        env.Shell.Dotnet(project, $"pack -c Release -o \"{feed}\" --nologo").EnsureSuccess();
        var package = TemplateEnvironment.ReadPackage(Path.Combine(feed, "LiteMusic.1.0.0.nupkg"));
        Assert.Contains("lib/net10.0/LiteMusic.dll", package.Keys);
        Assert.NotNull(JsonNode.Parse(package["package.json"])!["LiteMusicPlugin"]);
    }

    [Theory]
    [InlineData("mpplugin -n 9Lives")]
    [InlineData("mpplugin -n my-plugin")]
    [InlineData("mpplugin -n class")]
    [InlineData("mpmusic -n \"My Source\"")]
    [InlineData("mpplugin-repo -n Repo --plugin bad-id")]
    [InlineData("mpplugin-item --kind api --plugin HelloPlugin --member 2fast")]
    [InlineData("mpplugin-item --kind command --plugin Hello.Plugin")]
    public void A_name_that_is_not_a_csharp_identifier_is_refused_with_a_message(string arguments)
    {
        var root = env.Folder("refused");

        var result = env.New(arguments, root);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("valid C# identifier", result.Output);
        Assert.Contains("Nothing was created", result.Output);
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_unknown_item_kind_is_refused()
    {
        var result = env.New("mpplugin-item --kind widget --plugin HelloPlugin", env.Folder("kind"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'widget' is not a valid value for --kind", result.Output);
    }

    private void Build(string project)
    {
        var build = env.Shell.Dotnet(project, "build -warnaserror --nologo").EnsureSuccess();
        Assert.Contains("0 Warning(s)", build.Output);
    }
}

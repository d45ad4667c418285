using Plugin.Indexer.Definitions;
using Plugin.Sdk.Indexers;
using Xunit;

namespace Plugin.Indexer.Tests;

public sealed class SiteRegistryTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("indexer-registry-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, true);

    private SiteRegistry CreateWithBuiltIns(params string[] engines)
    {
        Directory.CreateDirectory(Path.Combine(_dataDir, "sites"));
        foreach (var engine in engines)
            File.Copy(Path.Combine(SiteFixtureTests.SiteDir(engine), "definition.json"), Path.Combine(_dataDir, "sites", engine + ".json"));
        return new SiteRegistry(new IndexerOptions { DataDir = _dataDir });
    }

    private static string DefinitionJson(string engine) => File.ReadAllText(Path.Combine(SiteFixtureTests.SiteDir(engine), "definition.json"));

    [Fact]
    public void Built_in_folder_is_listed_and_found_by_id_domain_or_ext_domain()
    {
        var registry = CreateWithBuiltIns("nyaa", "unit3d");
        Assert.Equal(["nyaa.si", "tracker.example.net"], registry.Sites.Select(s => s.Domain).Order());
        Assert.Equal("nyaa.si", registry.Find("nyaa")!.Domain);
        Assert.Equal("unit3d_demo", registry.Find("https://tracker-mirror.example.net/torrents")!.Id);
        Assert.Null(registry.Find("nowhere.example"));
        Assert.All(registry.Sites, s => Assert.Null(s.OwnerPluginId));
    }

    [Fact]
    public void A_broken_built_in_file_is_skipped_and_reported()
    {
        var registry = CreateWithBuiltIns("nyaa");
        File.WriteAllText(Path.Combine(_dataDir, "sites", "bad.json"), """{"id":"bad","domain":"https://bad.example/","torrents":{"list":{"selector":"tr:eq(x)"},"fields":{}}}""");
        registry.ReloadBuiltIn();
        Assert.Single(registry.Sites);
        var error = Assert.Single(registry.LoadErrors);
        Assert.EndsWith("bad.json", error.Path);
        Assert.Contains("tr:eq(x)", error.Message);
    }

    [Fact]
    public void Plugin_sites_are_owned_replace_built_ins_and_go_with_the_plugin()
    {
        var registry = CreateWithBuiltIns("nyaa");
        var plugin = registry.ForPlugin("MySites");
        var other = registry.ForPlugin("Other");
        var changes = 0;
        registry.Changed += () => changes++;

        var replacement = SiteDefinition.Parse(DefinitionJson("nyaa").Replace("\"Nyaa\"", "\"Nyaa (plugin)\""));
        plugin.Add("nyaa.si", replacement);
        plugin.Add("www.xxx.com", DefinitionJson("nexusphp"));

        Assert.Equal("Nyaa (plugin)", registry.Find("nyaa.si")!.Name);
        Assert.Equal("MySites", registry.Find("xxx")!.OwnerPluginId);
        Assert.Equal(["nyaa.si", "www.xxx.com"], plugin.Sites.Keys.Order());
        Assert.Empty(other.Sites);
        Assert.False(other.Remove("nyaa.si"));

        Assert.Equal(2, registry.RemovePlugin("MySites"));
        Assert.Equal("Nyaa", registry.Find("nyaa.si")!.Name);
        Assert.Null(registry.Find("xxx"));
        Assert.Equal(3, changes);
    }

    [Fact]
    public void Raw_json_added_by_a_plugin_is_kept_exactly()
    {
        var registry = CreateWithBuiltIns();
        var json = DefinitionJson("nyaa").Replace("\"public\": true,", "\"public\": true, \"x_custom\": [1, {\"k\": null}],");
        Assert.Contains("x_custom", json);
        var plugin = registry.ForPlugin("P");
        plugin.Add("https://nyaa.si/", json);
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(), plugin.Sites["nyaa.si"].ToJson());
    }

    [Fact]
    public void A_plugin_adding_a_broken_definition_learns_which_field_and_selector()
    {
        var registry = CreateWithBuiltIns();
        var e = Assert.Throws<SiteDefinitionException>(() => registry.ForPlugin("P").Add("x.org",
            """{"id":"x","domain":"https://x.org/","torrents":{"list":{"selector":"tr"},"fields":{"title":{"selector":"a:bogus"}}}}"""));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("title", problem.Field);
        Assert.Equal("a:bogus", problem.Selector);
        Assert.Empty(registry.Sites);
    }
}

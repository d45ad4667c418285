using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NuGet.Versioning;
using Plugin.Host.Api;
using Plugin.Host.Market;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Tests.SharedRules;

/// <summary>
/// The market entry (package.json) is written by the generator, merged by the build task and read by the host with the
/// key names of sdk/Plugin.Sdk/Shared/MarketEntrySchema.cs. The web UI never sees an entry itself: it sees the plugin
/// list (<see cref="PluginListItem"/>, MoviePilot's field names) the host builds from it, declared in
/// web/src/api/index.ts as <c>interface Plugin</c>. These tests tie the three together, so a key added to the schema
/// must be given a place in the list (or a stated reason why not) and the web UI must declare every list field.
/// </summary>
public class MarketEntrySchemaTests
{
    /// <summary>The list field that shows each top-level key of the entry, or null when the list does not show it.</summary>
    private static readonly Dictionary<string, string?> s_listFieldOf = new()
    {
        [MarketEntrySchema.Name] = "plugin_name",
        [MarketEntrySchema.Description] = "plugin_desc",
        [MarketEntrySchema.Labels] = "plugin_label",
        [MarketEntrySchema.Icon] = "plugin_icon",
        [MarketEntrySchema.Author] = "plugin_author",
        [MarketEntrySchema.AuthorUrl] = "author_url",
        [MarketEntrySchema.Level] = "auth_level",
        [MarketEntrySchema.History] = "history",
        // plugin_version is the NuGet package's version (the one that gets installed); the entry's is stamped from it.
        [MarketEntrySchema.Version] = null,
        // The config form, detail page and dashboard responses carry render_mode, from the loaded plugin.
        [MarketEntrySchema.RenderMode] = null,
        // Music sources are listed by GET /api/v1/music/plugins once their plugin is enabled.
        [MarketEntrySchema.Music] = null,
        // Format and build stamps, for the market and the build task, not for people.
        [MarketEntrySchema.V2] = null,
        [MarketEntrySchema.Dotnet] = null,
    };

    [Fact]
    public void Every_key_of_the_schema_has_a_decided_place_in_the_list() =>
        Assert.Equal(MarketEntrySchema.Keys.Order(StringComparer.Ordinal), s_listFieldOf.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_list_shows_each_key_of_a_market_entry_in_its_field()
    {
        var entry = FullEntry();
        var item = JsonSerializer.SerializeToNode(PluginListItem.FromMarket(Package(entry)), HostJson.Options)!.AsObject();
        foreach (var (key, field) in s_listFieldOf)
        {
            if (field is null) continue;
            Assert.True(item.ContainsKey(field), $"the list has no field '{field}' for the entry's '{key}'");
            // The icon file is named per plugin ({id}/{file}), where MoviePilot's client looks for it.
            var expected = key == MarketEntrySchema.Icon ? JsonValue.Create($"P/{entry[key]}") : entry[key];
            Assert.Equal(expected!.ToJsonString(), item[field]!.ToJsonString());
        }
    }

    [Fact]
    public void The_web_UI_declares_every_field_of_the_list()
    {
        var listFields = JsonSerializer.SerializeToNode(PluginListItem.FromMarket(Package(FullEntry())), HostJson.Options)!
            .AsObject().Select(p => p.Key).ToList();
        var declared = InterfaceFields(Path.Combine(PluginPackages.RepositoryRoot(), "web", "src", "api", "index.ts"), "Plugin");
        Assert.Empty(listFields.Except(declared));
    }

    /// <summary>Every key of the schema, with values the list copies through unchanged.</summary>
    private static JsonObject FullEntry()
    {
        var entry = new JsonObject();
        foreach (var key in MarketEntrySchema.Keys) entry[key] = "value of " + key;
        entry[MarketEntrySchema.Labels] = "a,b";
        entry[MarketEntrySchema.Level] = 3;
        entry[MarketEntrySchema.History] = new JsonObject { ["v1.1"] = "second", ["v1.0"] = "first" };
        entry[MarketEntrySchema.Music] = new JsonArray();
        entry[MarketEntrySchema.V2] = true;
        entry[MarketEntrySchema.Dotnet] = new JsonObject { [MarketEntrySchema.PackageId] = "P", [MarketEntrySchema.SdkVersion] = "1.1.0" };
        return entry;
    }

    private static MarketPackage Package(JsonObject entry) =>
        new("P", NuGetVersion.Parse("1.0.0"), [NuGetVersion.Parse("1.0.0")], "feed", entry, null, null, null);

    /// <summary>The property names of <c>export interface {name} { ... }</c> in a TypeScript file (one property a line).</summary>
    private static HashSet<string> InterfaceFields(string file, string name)
    {
        var text = File.ReadAllText(file);
        var start = text.IndexOf("export interface " + name + " {", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{file} declares no 'export interface {name}'");
        var end = text.IndexOf("\n}", start, StringComparison.Ordinal);
        var body = text[start..end];
        return Regex.Matches(body, @"^\s*(\w+)\??\s*:", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }
}

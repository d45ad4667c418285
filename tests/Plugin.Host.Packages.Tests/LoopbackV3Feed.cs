using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NuGet.Frameworks;
using NuGet.Packaging;
using Plugin.TestSupport;

namespace Plugin.Host.Packages.Tests;

/// <summary>
/// A minimal NuGet v3 server on a <see cref="LoopbackServer"/> (service index, flat container, registrations with catalog
/// hashes, search) over a list of .nupkg files. Like some real servers it ignores <c>packageType</c> in search, so the client must check nuspecs.
/// </summary>
public sealed class LoopbackV3Feed : IAsyncDisposable
{
    private readonly Dictionary<string, List<(string Version, string Path, string Hash, NuspecReader Nuspec)>> _packages = new(StringComparer.OrdinalIgnoreCase);

    private LoopbackServer _server = null!;

    private LoopbackV3Feed() { }

    /// <summary>How many requests the feed has received so far.</summary>
    public int Requests => _server.Requests.Count;

    public string IndexUrl => Base + "/v3/index.json";

    /// <param name="hashOverrides">Package file name → the packageHash to publish instead of the real one.</param>
    public static async Task<LoopbackV3Feed> StartAsync(IEnumerable<string> nupkgs, IDictionary<string, string>? hashOverrides = null)
    {
        var feed = new LoopbackV3Feed();
        foreach (var path in nupkgs)
        {
            using var reader = new PackageArchiveReader(path);
            var nuspec = reader.NuspecReader;
            var hash = hashOverrides is not null && hashOverrides.TryGetValue(Path.GetFileName(path), out var h) ? h : Plugin.Host.Packages.PackageFile.ComputeSha512(path);
            if (!feed._packages.TryGetValue(nuspec.GetId(), out var list))
                feed._packages[nuspec.GetId()] = list = [];
            list.Add((nuspec.GetVersion().ToNormalizedString(), path, hash, nuspec));
        }
        feed._server = await LoopbackServer.StartAsync(feed.Map);
        return feed;
    }

    private string Base => _server.BaseUrl;

    private void Map(WebApplication app)
    {
        app.MapGet("/v3/index.json", (HttpContext c) => Json(new JsonObject
        {
            ["version"] = "3.0.0",
            // NuGet.Client knows only versioned search types; 3.0.0-beta has no package type filter, like many servers.
            ["resources"] = new JsonArray(
                Resource(Base + "/flat/", "PackageBaseAddress/3.0.0"),
                Resource(Base + "/search", "SearchQueryService/3.0.0-beta"),
                Resource(Base + "/reg/", "RegistrationsBaseUrl")),
        }));
        app.MapGet("/flat/{id}/index.json", (string id) => _packages.TryGetValue(id, out var list)
            ? Json(new JsonObject { ["versions"] = new JsonArray(list.Select(p => (JsonNode)p.Version.ToLowerInvariant()).ToArray()) })
            : Results.NotFound());
        app.MapGet("/flat/{id}/{version}/{file}", (string id, string version, string file) =>
        {
            var match = Find(id, version);
            return match is { } p && file.EndsWith(".nupkg", StringComparison.Ordinal)
                ? Results.File(File.ReadAllBytes(p.Path), "application/octet-stream")
                : Results.NotFound();
        });
        app.MapGet("/reg/{id}/index.json", (string id) => _packages.TryGetValue(id, out var list)
            ? Json(Registration(id, list))
            : Results.NotFound());
        app.MapGet("/search", () => Json(new JsonObject
        {
            ["totalHits"] = _packages.Count,
            ["data"] = new JsonArray(_packages.Select(kv => (JsonNode)new JsonObject
            {
                ["id"] = kv.Value[0].Nuspec.GetId(),
                ["version"] = kv.Value.Select(p => NuGet.Versioning.NuGetVersion.Parse(p.Version)).Max()!.ToNormalizedString(),
                ["description"] = kv.Value[0].Nuspec.GetDescription(),
                ["versions"] = new JsonArray(kv.Value.Select(p => (JsonNode)new JsonObject { ["version"] = p.Version, ["downloads"] = 0 }).ToArray()),
            }).ToArray()),
        }));
    }

    private (string Version, string Path, string Hash, NuspecReader Nuspec)? Find(string id, string version) =>
        _packages.TryGetValue(id, out var list) ? list.FirstOrDefault(p => string.Equals(p.Version, version, StringComparison.OrdinalIgnoreCase)) : null;

    private JsonObject Registration(string id, List<(string Version, string Path, string Hash, NuspecReader Nuspec)> list)
    {
        var lower = id.ToLowerInvariant();
        var leaves = list.Select(p => (JsonNode)new JsonObject
        {
            ["@id"] = $"{Base}/reg/{lower}/{p.Version}.json",
            ["packageContent"] = $"{Base}/flat/{lower}/{p.Version}/{lower}.{p.Version}.nupkg",
            ["catalogEntry"] = new JsonObject
            {
                ["@id"] = $"{Base}/catalog/{lower}.{p.Version}.json",
                ["id"] = p.Nuspec.GetId(),
                ["version"] = p.Version,
                ["listed"] = true,
                ["packageHash"] = p.Hash,
                ["packageHashAlgorithm"] = "SHA512",
                ["dependencyGroups"] = new JsonArray(p.Nuspec.GetDependencyGroups().Select(g => (JsonNode)new JsonObject
                {
                    ["targetFramework"] = g.TargetFramework.GetShortFolderName(),
                    ["dependencies"] = new JsonArray(g.Packages.Select(d => (JsonNode)new JsonObject
                    {
                        ["id"] = d.Id,
                        ["range"] = d.VersionRange.ToNormalizedString(),
                    }).ToArray()),
                }).ToArray()),
            },
        }).ToArray();
        var versions = list.Select(p => NuGet.Versioning.NuGetVersion.Parse(p.Version)).OrderBy(v => v).ToList();
        return new JsonObject
        {
            ["count"] = 1,
            ["items"] = new JsonArray(new JsonObject
            {
                ["@id"] = $"{Base}/reg/{lower}/index.json#page",
                ["count"] = leaves.Length,
                ["lower"] = versions[0].ToNormalizedString(),
                ["upper"] = versions[^1].ToNormalizedString(),
                ["items"] = new JsonArray(leaves),
            }),
        };
    }

    private static JsonObject Resource(string id, string type) => new() { ["@id"] = id, ["@type"] = type };

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

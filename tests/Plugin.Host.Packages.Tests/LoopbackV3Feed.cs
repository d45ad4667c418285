using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NuGet.Frameworks;
using NuGet.Packaging;

namespace Plugin.Host.Packages.Tests;

/// <summary>
/// A minimal NuGet v3 server on 127.0.0.1 (service index, flat container, registrations with catalog hashes, search) over
/// a list of .nupkg files. Like some real servers it ignores <c>packageType</c> in search, so the client must check nuspecs.
/// </summary>
public sealed class LoopbackV3Feed : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, List<(string Version, string Path, string Hash, NuspecReader Nuspec)>> _packages = new(StringComparer.OrdinalIgnoreCase);

    public int Requests;

    private LoopbackV3Feed(WebApplication app) => _app = app;

    public string IndexUrl { get; private set; } = "";

    /// <param name="hashOverrides">Package file name → the packageHash to publish instead of the real one.</param>
    public static async Task<LoopbackV3Feed> StartAsync(IEnumerable<string> nupkgs, IDictionary<string, string>? hashOverrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var feed = new LoopbackV3Feed(app);
        foreach (var path in nupkgs)
        {
            using var reader = new PackageArchiveReader(path);
            var nuspec = reader.NuspecReader;
            var hash = hashOverrides is not null && hashOverrides.TryGetValue(Path.GetFileName(path), out var h) ? h : Plugin.Host.Packages.PackageFile.ComputeSha512(path);
            if (!feed._packages.TryGetValue(nuspec.GetId(), out var list))
                feed._packages[nuspec.GetId()] = list = [];
            list.Add((nuspec.GetVersion().ToNormalizedString(), path, hash, nuspec));
        }
        app.Use(async (context, next) => { Interlocked.Increment(ref feed.Requests); await next(context); });
        app.MapGet("/v3/index.json", (HttpContext c) => Json(new JsonObject
        {
            ["version"] = "3.0.0",
            // NuGet.Client knows only versioned search types; 3.0.0-beta has no package type filter, like many servers.
            ["resources"] = new JsonArray(
                Resource(feed.Base + "/flat/", "PackageBaseAddress/3.0.0"),
                Resource(feed.Base + "/search", "SearchQueryService/3.0.0-beta"),
                Resource(feed.Base + "/reg/", "RegistrationsBaseUrl")),
        }));
        app.MapGet("/flat/{id}/index.json", (string id) => feed._packages.TryGetValue(id, out var list)
            ? Json(new JsonObject { ["versions"] = new JsonArray(list.Select(p => (JsonNode)p.Version.ToLowerInvariant()).ToArray()) })
            : Results.NotFound());
        app.MapGet("/flat/{id}/{version}/{file}", (string id, string version, string file) =>
        {
            var match = feed.Find(id, version);
            return match is { } p && file.EndsWith(".nupkg", StringComparison.Ordinal)
                ? Results.File(File.ReadAllBytes(p.Path), "application/octet-stream")
                : Results.NotFound();
        });
        app.MapGet("/reg/{id}/index.json", (string id) => feed._packages.TryGetValue(id, out var list)
            ? Json(feed.Registration(id, list))
            : Results.NotFound());
        app.MapGet("/search", () => Json(new JsonObject
        {
            ["totalHits"] = feed._packages.Count,
            ["data"] = new JsonArray(feed._packages.Select(kv => (JsonNode)new JsonObject
            {
                ["id"] = kv.Value[0].Nuspec.GetId(),
                ["version"] = kv.Value.Select(p => NuGet.Versioning.NuGetVersion.Parse(p.Version)).Max()!.ToNormalizedString(),
                ["description"] = kv.Value[0].Nuspec.GetDescription(),
                ["versions"] = new JsonArray(kv.Value.Select(p => (JsonNode)new JsonObject { ["version"] = p.Version, ["downloads"] = 0 }).ToArray()),
            }).ToArray()),
        }));
        await app.StartAsync();
        feed.Base = app.Urls.First().TrimEnd('/');
        feed.IndexUrl = feed.Base + "/v3/index.json";
        return feed;
    }

    private string Base { get; set; } = "";

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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

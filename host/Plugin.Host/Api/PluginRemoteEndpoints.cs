using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Plugin.Host.Api.Contracts;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Sdk.Ui;

namespace Plugin.Host.Api;

/// <summary>
/// Render mode <c>vue</c>: a plugin's own compiled Vue component, which the SDK packs at <see cref="ModulePath"/> of its
/// package (web/README.md, "Render mode vue"). Behind the host's auth like every other plugin endpoint; the web UI
/// fetches the module with its bearer token and imports it from a <c>blob:</c> URL.
/// </summary>
public static class PluginRemoteEndpoints
{
    /// <summary>Where the module sits in a plugin package, and so in its install folder. The one file these endpoints
    /// read: the request names a plugin, never a path.</summary>
    public const string ModulePath = "ui/remote.js";

    public static void MapPluginRemotes(this RouteGroupBuilder api)
    {
        var plugin = api.MapGroup("/plugin").WithTags("plugins");

        // MoviePilot's list form: which plugins ship a module, and where to get it. Loaded plugins only, as only those
        // answer the form, page and dashboard calls that would ask the UI to load one.
        plugin.MapGet("/remotes", (PluginCatalog catalog, IPluginAssets assets) => TypedResults.Ok(catalog.All
            .Where(e => e.IsLoaded && assets.HasInstalled(e.Id, ModulePath))
            .Select(e => new PluginRemoteItem(e.Id, e.Name, (e.Descriptor?.RenderMode ?? RenderMode.Vuetify).WireName(),
                $"/api/v1/plugin/remotes/{Uri.EscapeDataString(e.Id)}"))
            .ToList())).WithSummary("Plugins that ship their own compiled Vue module (render mode vue)");

        plugin.MapGet("/remotes/{id}", async (string id, HttpResponse response, PluginFeatures features, IPluginAssets assets, CancellationToken ct) =>
        {
            var entry = features.RequireLoaded(id);
            var module = await assets.ReadInstalledAsync(entry.Id, ModulePath, ct) ?? throw new PluginError(PluginErrorKind.NotFound,
                $"Plugin {entry.Id} ships no compiled Vue module ({ModulePath} in its package), so it has no render mode vue component.");
            var bytes = module.Content;
            // A content hash, not the file time: an update or reinstall with the same module keeps the browser's copy,
            // and any change to the module changes the tag. no-cache: the URL stays the same across plugin versions,
            // so the browser must ask every time (a 304 when nothing changed).
            var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 16) + "\"");
            response.Headers.CacheControl = "no-cache";
            response.Headers.XContentTypeOptions = "nosniff";
            // Results.Bytes with an entity tag answers If-None-Match with 304 by itself.
            return Results.Bytes(bytes, "text/javascript; charset=utf-8", entityTag: tag);
        }).WithSummary("A plugin's own compiled Vue module (an ES module exporting Page, Config and/or Dashboard)");
    }
}

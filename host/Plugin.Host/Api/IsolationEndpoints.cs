using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Plugin.Host.Api.Contracts;
using Plugin.Host.Runtime;
using Plugin.Host.Workers;
using Plugin.Shared.Api;

namespace Plugin.Host.Api;

/// <summary>
/// <c>GET|PUT /api/v1/plugin/isolation/{id}</c> (issue 20 point 1): where the admin wants a plugin to run. Mapped in the
/// management group, so only the host's admin (login token or API key) reaches it. A change that moves the plugin's package
/// to the other mode reloads the package, which the loader then starts in that mode (<see cref="IsolationPolicy"/>).
/// </summary>
public static class IsolationEndpoints
{
    public static void MapPluginIsolation(this RouteGroupBuilder plugin)
    {
        plugin.MapGet("/isolation/{id}", Get)
            .WithSummary("Where the plugin runs: the admin's choice (mode, null = the host's default), the default (Host:Plugins:Isolation) and the effective mode");
        plugin.MapPut("/isolation/{id}", SetAsync).Accepts<IsolationBody>("application/json")
            .WithSummary("Choose where the plugin runs ({\"mode\": \"InProcess\" | \"Process\" | null}); the plugin is reloaded when its effective mode changes");
    }

    private static Ok<PluginIsolationData> Get(string id, PluginCatalog catalog, IsolationPolicy policy) =>
        TypedResults.Ok(Describe(catalog.Require(id), catalog, policy));

    private static async Task<Ok<ApiEnvelope<PluginIsolationData>>> SetAsync(string id, HttpRequest request, PluginCatalog catalog,
        IsolationPolicy policy, PluginManager manager, CancellationToken ct)
    {
        var mode = ReadMode(await RequestBody.ReadObjectAsync(request, ct));
        var entry = catalog.Require(id);
        var before = PackageMode(entry, catalog, policy);
        await policy.SetAsync(entry.Id, mode, ct);
        var after = PackageMode(entry, catalog, policy);
        if (before == after)
            return TypedResults.Ok(ApiEnvelope.Success(Describe(entry, catalog, policy),
                $"Plugin {entry.Id} isolation set to {mode?.ToString() ?? $"the host's default ({policy.Default})"}; it already runs {after}."));

        var entries = await manager.ReloadAsync(entry.Id, ct);
        var reloaded = catalog.Find(entry.Id) ?? entry;
        var failed = entries.FirstOrDefault(e => e.Status is Installation.PluginStatus.Malfunctioned or Installation.PluginStatus.NotSupported);
        return TypedResults.Ok(ApiEnvelope.Of(failed is null, failed is null
                ? $"Plugin {entry.Id} reloaded to run {after}."
                : $"Plugin {entry.Id} was set to run {after} but {failed.Id} is {failed.Status}: {failed.Error}",
            Describe(reloaded, catalog, policy)));
    }

    /// <summary>The body's <c>mode</c>: one of the two names (any case) or null; anything else is the caller's 400.</summary>
    internal static PluginIsolation? ReadMode(JsonObject body)
    {
        if (!body.TryGetPropertyValue("mode", out var node))
            throw new PluginError(PluginErrorKind.Invalid, $"The body must be {{\"mode\": ...}} with {PluginIsolationNames.Allowed}, or null for the host's default.");
        if (node is null)
            return null;
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        if (!PluginIsolationNames.TryParse(text, out var mode))
            throw new PluginError(PluginErrorKind.Invalid, $"mode must be {PluginIsolationNames.Allowed}, or null for the host's default; got '{text}'.");
        return mode;
    }

    private static PluginIsolation PackageMode(PluginEntry entry, PluginCatalog catalog, IsolationPolicy policy) =>
        policy.ModeForPackage(catalog.ForPackage(entry.PackageId).Select(e => e.Id).DefaultIfEmpty(entry.Id));

    private static PluginIsolationData Describe(PluginEntry entry, PluginCatalog catalog, IsolationPolicy policy) =>
        new(policy.ChosenFor(entry.Id)?.ToString(), PackageMode(entry, catalog, policy).ToString(), policy.Default.ToString(), entry.Status.ToString());
}

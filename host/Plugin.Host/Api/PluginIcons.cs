using Plugin.Host.Packages;
using Plugin.Host.Runtime;

namespace Plugin.Host.Api;

/// <summary>
/// A plugin's icon: the name list items carry in <c>plugin_icon</c>, and the image bytes behind it. Both icon routes
/// (<c>/api/v1/plugin/icon/{id}?file=</c> and MoviePilot's <c>/plugin_icon/{id}/{file}</c>) answer through
/// <see cref="ServeAsync"/>, the one place that knows where icon bytes come from.
/// </summary>
public static class PluginIcons
{
    private const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>
    /// <c>plugin_icon</c> of a list item: <c>{id}/{file}</c>, unique per plugin, so MoviePilot's client, which shows
    /// <c>./plugin_icon/&lt;plugin_icon&gt;</c>, gets each plugin's own image; an absolute or data URL stays as it is.
    /// Clients that ask <c>plugin/icon/{id}?file=</c> with this value still work: only the file name part is used there.
    /// </summary>
    public static string? WireName(string pluginId, string? icon)
    {
        if (string.IsNullOrWhiteSpace(icon))
            return null;
        if (icon.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || icon.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || icon.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return icon;
        var file = Path.GetFileName(icon);
        return file.Length == 0 ? null : $"{pluginId}/{file}";
    }

    /// <summary>
    /// The image <paramref name="file"/> (default: the plugin's declared icon) from the plugin's package: the installed
    /// one, or, for a plugin not installed yet, the market's copy, so market cards show their icons. Only image files
    /// are served; anything else, or a file the package lacks, is 404.
    /// </summary>
    public static async Task<IResult> ServeAsync(string id, string? file, PluginCatalog catalog, IPluginAssets assets, CancellationToken ct)
    {
        var name = Path.GetFileName(file ?? catalog.Find(id)?.Descriptor?.Icon ?? "");
        if (ImageType(name) is not { } type)
            return Results.NotFound();
        return await assets.FindAsync(id, name, MaxBytes, ct) is { } icon ? Results.File(icon.Content, type) : Results.NotFound();
    }

    private static string? ImageType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png", ".jpg" or ".jpeg" => "image/jpeg", ".gif" => "image/gif", ".svg" => "image/svg+xml",
        ".webp" => "image/webp", ".ico" => "image/x-icon", _ => null,
    };
}

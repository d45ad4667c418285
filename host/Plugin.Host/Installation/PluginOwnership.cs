namespace Plugin.Host.Installation;

/// <summary>
/// A plugin id belongs to the package that first brought it (a package may carry several plugins, under ids other than its
/// own). Another package carrying an owned id is refused at install, and never loaded: otherwise it would load as that
/// plugin, with that plugin's saved config.
/// </summary>
internal static class PluginOwnership
{
    /// <summary>The installed packages, each impostor marked with its <see cref="InstalledPackage.Refusal"/>: first come
    /// (first installed, then by id) owns every id it carries.</summary>
    public static IReadOnlyList<InstalledPackage> Apply(IEnumerable<InstalledPackage> installed)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<InstalledPackage>();
        foreach (var package in installed.OrderBy(p => p.InstalledAt).ThenBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            var taken = package.PluginIds.FirstOrDefault(id => owners.TryGetValue(id, out var owner)
                && !string.Equals(owner, package.Id, StringComparison.OrdinalIgnoreCase));
            if (taken is not null)
            {
                result.Add(package with { Refusal = Message(package.Id, taken, owners[taken]) + " It is not loaded." });
                continue;
            }
            foreach (var id in package.PluginIds)
                owners.TryAdd(id, package.Id);
            result.Add(package);
        }
        return result;
    }

    /// <summary>Why <paramref name="packageId"/> may not be installed, or null: it carries an id another installed package owns.</summary>
    public static string? Conflict(string packageId, IReadOnlyList<string> pluginIds, IEnumerable<InstalledPackage> installed)
    {
        foreach (var other in installed)
        {
            if (other.Refusal is not null || string.Equals(other.Id, packageId, StringComparison.OrdinalIgnoreCase))
                continue;
            var taken = pluginIds.FirstOrDefault(id => other.PluginIds.Contains(id, StringComparer.OrdinalIgnoreCase));
            if (taken is not null)
                return Message(packageId, taken, other.Id) + $" Uninstall {other.Id} first to install {packageId}.";
        }
        return null;
    }

    public static string Message(string packageId, string pluginId, string ownerPackageId) =>
        $"Package {packageId} carries plugin {pluginId}, which belongs to package {ownerPackageId} (installed first).";
}

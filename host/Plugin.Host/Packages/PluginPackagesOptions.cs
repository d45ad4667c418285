namespace Plugin.Host.Packages;

/// <summary>
/// Where plugins come from and where they go. Bound from <c>Host:DataDir</c> and <c>Host:Feeds</c> (DESIGN §7, a public
/// contract); <see cref="ServiceCollectionExtensions.AddPluginPackages"/> resolves relative paths against the current directory.
/// </summary>
public sealed class PluginPackagesOptions
{
    /// <summary>Absolute data folder (<c>Host:DataDir</c>, default <c>./data</c>). Plugins live in <c>&lt;DataDir&gt;/plugins</c>.</summary>
    public string DataDir { get; set; } = Path.GetFullPath("data");

    /// <summary>NuGet v3 service index URLs or absolute folder paths (<c>Host:Feeds</c>).</summary>
    public IList<string> Feeds { get; set; } = [];

    /// <summary>
    /// Where plugin dependencies that the market feeds lack are found (<c>Host:DependencyFeeds</c>): third-party libraries
    /// such as AngleSharp live on nuget.org, not on a plugin market. Default: the package sources of the NuGet
    /// configuration in effect for the current directory (nuget.config files, then the user's); <c>none</c> disables.
    /// </summary>
    public IList<string> DependencyFeeds { get; set; } = [];

    /// <summary>The framework plugin assets are selected for (best <c>lib/</c> folder).</summary>
    public string TargetFramework { get; set; } = "net10.0";

    /// <summary>The runtime identifier <c>runtimes/&lt;rid&gt;/</c> assets of plugin dependencies are selected for (with its
    /// fallbacks, see <see cref="RuntimeIdentifiers"/>); the host's own by default.</summary>
    public string RuntimeIdentifier { get; set; } = RuntimeIdentifiers.Current;

    public string PluginsDirectory => Path.Combine(DataDir, "plugins");

    /// <summary>Downloaded packages of HTTP feeds, kept so the market reads each nuspec and package.json once.</summary>
    public string PackageCacheDirectory => Path.Combine(DataDir, "cache", "packages");
}

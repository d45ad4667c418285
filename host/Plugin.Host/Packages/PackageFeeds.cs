using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace Plugin.Host.Packages;

/// <summary>One configured feed: a NuGet v3 service index or a local folder (flat or hierarchical layout).</summary>
public sealed class PluginFeed
{
    internal PluginFeed(string source)
    {
        Source = source;
        IsHttp = Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        Repository = NuGet.Protocol.Core.Types.Repository.Factory.GetCoreV3(new PackageSource(source));
    }

    /// <summary>As configured (absolute folder path or URL); shown as <c>MarketPackage.Feed</c>.</summary>
    public string Source { get; }

    public bool IsHttp { get; }

    public bool IsFolder => !IsHttp;

    public SourceRepository Repository { get; }

    public override string ToString() => Source;
}

/// <summary>The configured feeds, in configuration order (an install takes a version from the first feed that has it).</summary>
public sealed class PackageFeeds
{
    public PackageFeeds(PluginPackagesOptions options)
    {
        Feeds = options.Feeds.Where(f => !string.IsNullOrWhiteSpace(f)).Distinct(StringComparer.Ordinal)
            .Select(f => new PluginFeed(f)).ToArray();
        ResolutionFeeds = Feeds.Concat(options.DependencyFeeds.Where(f => !string.IsNullOrWhiteSpace(f))
                .Distinct(StringComparer.Ordinal)
                .Where(f => Feeds.All(m => !string.Equals(m.Source, f, StringComparison.Ordinal)))
                .Select(f => new PluginFeed(f)))
            .ToArray();
    }

    /// <summary>The market: plugins are listed and installed from these.</summary>
    public IReadOnlyList<PluginFeed> Feeds { get; }

    /// <summary>Where dependencies are resolved: the market feeds first, then <c>Host:DependencyFeeds</c>.</summary>
    public IReadOnlyList<PluginFeed> ResolutionFeeds { get; }
}

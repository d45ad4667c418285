using Plugin.Host.Cluster;

namespace Plugin.Host.Tests.Cluster;

/// <summary>What counts as version skew in the plugin list (<see cref="ClusterView.Skewed"/>).</summary>
public sealed class ClusterViewTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-03T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static HostPluginState Host(string node, string? version, bool online = true, string status = "Active") =>
        new(node, version, status, null, At, online);

    [Fact]
    public void One_version_on_every_online_host_is_no_skew_however_it_is_written() =>
        Assert.False(ClusterView.Skewed([Host("a", "1.0.0"), Host("b", "1.0")]));

    [Fact]
    public void Two_versions_or_an_online_host_without_the_plugin_are_skew()
    {
        Assert.True(ClusterView.Skewed([Host("a", "2.0.0"), Host("b", "1.0.0")]));
        Assert.True(ClusterView.Skewed([Host("a", "1.0.0"), Host("b", null, status: "NotInstalled")]));
    }

    [Fact]
    public void An_offline_host_does_not_make_skew() =>
        Assert.False(ClusterView.Skewed([Host("a", "2.0.0"), Host("b", "2.0.0"), Host("c", "1.0.0", online: false)]));
}

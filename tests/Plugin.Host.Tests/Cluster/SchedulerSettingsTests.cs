using Microsoft.Extensions.Configuration;
using Plugin.Host.Scheduling;
using Xunit;

namespace Plugin.Host.Tests.Cluster;

/// <summary>How the host reads its scheduler's keys: in memory unless <c>Host:Database:Provider=postgres</c>.</summary>
public sealed class SchedulerSettingsTests
{
    private static SchedulerSettings Read(params (string Key, string Value)[] values) =>
        SchedulerSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    private const string Pg = "Host=127.0.0.1;Database=x";

    [Fact]
    public void Without_postgres_the_scheduler_is_the_in_memory_default()
    {
        Assert.False(Read().Clustered);
        Assert.False(Read(("Host:Database:Provider", "sqlite"), ("Host:Scheduler:CheckinIntervalSeconds", "nonsense")).Clustered);
    }

    [Fact]
    public void On_postgres_the_node_id_defaults_to_machine_and_port_and_AUTO_leaves_it_to_Quartz()
    {
        var settings = Read(("Host:Database:Provider", "postgres"), ("Host:Database:ConnectionString", Pg), ("urls", "http://127.0.0.1:5123/;http://[::1]:5124"));
        Assert.True(settings.Clustered);
        Assert.Equal($"{Environment.MachineName}:5123", settings.NodeId);
        Assert.Equal("plugin-host", settings.Name);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.CheckinInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.CheckinMisfireThreshold);
        Assert.Equal($"{Environment.MachineName}:3001", Read(("Host:Database:Provider", "postgres"), ("Host:Database:ConnectionString", Pg)).NodeId);
        Assert.Null(Read(("Host:Database:Provider", "postgres"), ("Host:Database:ConnectionString", Pg), ("Host:NodeId", "auto")).NodeId);
        // A random port is known only once the server listens: Quartz generates the id rather than two hosts sharing ":0".
        Assert.Null(Read(("Host:Database:Provider", "postgres"), ("Host:Database:ConnectionString", Pg), ("urls", "http://127.0.0.1:0")).NodeId);
        Assert.Equal("node-a", Read(("Host:Database:Provider", "postgres"), ("Host:Database:ConnectionString", Pg), ("Host:NodeId", " node-a ")).NodeId);
        Assert.Equal(TimeSpan.FromSeconds(2.5), Read(("Host:Database:Provider", "postgres"), ("Host:Database:ConnectionString", Pg),
            ("Host:Scheduler:CheckinIntervalSeconds", "2.5")).CheckinInterval);
    }

    [Fact]
    public void A_missing_connection_string_or_a_bad_interval_stops_the_start_naming_the_key()
    {
        var missing = Assert.Throws<Plugin.Host.Storage.HostStartupException>(() => Read(("Host:Database:Provider", "postgres")));
        Assert.Contains("Host:Database:ConnectionString", missing.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<Plugin.Host.Storage.HostStartupException>(() => Read(("Host:Database:Provider", "postgres"), ("Host:Database:ConnectionString", Pg),
            ("Host:Scheduler:MisfireThresholdSeconds", "-1")));
        Assert.Contains("Host:Scheduler:MisfireThresholdSeconds", bad.Message, StringComparison.Ordinal);
    }
}

using Npgsql;
using Plugin.TestSupport;
using Xunit;

namespace Plugin.Host.Tests.Cluster;

/// <summary>The repository's own script brings up a real PostgreSQL and Redis that the cluster tests use.</summary>
public sealed class ClusterServicesTests
{
    [Fact]
    public async Task The_script_starts_a_postgres_that_answers_and_gives_each_test_its_own_database()
    {
        var first = await ClusterServices.NewDatabaseAsync("smoke");
        var second = await ClusterServices.NewDatabaseAsync("smoke");
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal(new NpgsqlConnectionStringBuilder(first).Database, (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_script_starts_a_redis_that_answers_ping()
    {
        var endpoints = await ClusterServices.StartAsync();
        var (host, port) = (endpoints.Redis.Split(':')[0], int.Parse(endpoints.Redis.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(host, port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer);
        Assert.Equal("+PONG\r\n", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Npgsql;
using Plugin.Host.Storage;
using Plugin.Host.Web;
using Plugin.TestSupport;

namespace Plugin.Host.Tests.Database;

/// <summary>The host as a process on PostgreSQL (<c>Host:Database:Provider=postgres</c>): two hosts on one database, and
/// the start-up errors a wrong setting gives.</summary>
public sealed class PostgresHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("host-pg").FullName;

    private HostProcess NewHost(string name, params string[] args)
    {
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        return new HostProcess(Directory.CreateDirectory(Path.Combine(_root, name)).FullName, feed, args);
    }

    private static string[] Postgres(string connectionString) =>
        ["--Host:Database:Provider=postgres", $"--Host:Database:ConnectionString={connectionString}"];

    [Fact]
    public async Task Two_hosts_started_together_on_one_empty_database_both_come_up_and_the_migrations_ran_once()
    {
        var connectionString = await ClusterServices.NewDatabaseAsync("twohosts");
        await using var a = NewHost("a", Postgres(connectionString));
        await using var b = NewHost("b", Postgres(connectionString));
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT version, applied_by FROM schema_migrations ORDER BY version", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(int Version, string By)>();
            while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetString(1)));
            Assert.Equal(DatabaseMigrations.For(SqlDialect.Postgres).Select(m => m.Version), rows.Select(r => r.Version));
            // Every script applied by one process: the other waited for the lock and found them done.
            Assert.Single(rows.Select(r => r.By).Distinct());
            Assert.DoesNotContain(Environment.MachineName + ":" + Environment.ProcessId, rows.Select(r => r.By));
        }

        // One database: the signing key both generated at once is the same, so A's login works on B, and what a
        // user saves through A is what B reads.
        var layout = new JsonObject { ["theme"] = "dark" };
        using (var save = await a.Http.PostAsJsonAsync("/api/v1/user/config/Layout", layout))
            save.EnsureSuccessStatusCode();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/user/config/Layout");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.Token);
        using var response = await b.Http.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(layout.ToJsonString(), (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["value"]!.ToJsonString());
        Assert.False(File.Exists(Path.Combine(a.DataDir, "host.db")));
    }

    [Fact]
    public async Task An_unreachable_server_stops_start_up_with_one_message_naming_the_connection_string_key()
    {
        await using var host = NewHost("down", Postgres($"Host=127.0.0.1;Port={ClosedPort()};Database=plugins;Username=plugins;Password=secret-pw;Timeout=5"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(host.StartAsync);
        Assert.Contains("exited with 1", error.Message);
        Assert.Contains("Cannot start", host.Output);
        Assert.Contains(DatabaseOptions.ConnectionStringKey, host.Output);
        Assert.DoesNotContain("secret-pw", host.Output);
        Assert.DoesNotContain("   at ", host.Output); // no stack trace
    }

    [Theory]
    [InlineData("postgres", "Nonsense=1", DatabaseOptions.ConnectionStringKey)]
    [InlineData("postgres", "", DatabaseOptions.ConnectionStringKey)]
    [InlineData("mysql", "", DatabaseOptions.ProviderKey)]
    public void A_bad_setting_fails_the_build_with_a_message_naming_its_key(string provider, string connectionString, string key)
    {
        var error = Assert.Throws<HostStartupException>(() => HostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Host:DataDir={Path.Combine(_root, "bad")}",
            $"--Host:Database:Provider={provider}",
            $"--Host:Database:ConnectionString={connectionString}",
            "--Logging:LogLevel:Default=Warning",
        ]));
        Assert.Contains(key, error.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}

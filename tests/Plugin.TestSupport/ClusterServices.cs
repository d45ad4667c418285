using System.Diagnostics;
using Npgsql;

namespace Plugin.TestSupport;

/// <summary>
/// A real PostgreSQL and a real Redis on loopback for the tests that need them (the cluster tests, the host on
/// PostgreSQL), started once per test process by the repository's own <c>scripts/cluster-services.sh</c> (Debian's
/// postgresql and redis-server packages) and stopped when the process ends. Each test takes its own database
/// (<see cref="NewDatabaseAsync"/>) and its own Redis key prefix, so tests share the two servers without seeing each other.
/// When <c>PLUGIN_TEST_PG</c> and <c>PLUGIN_TEST_REDIS</c> are set (connection strings), those servers are used instead.
/// </summary>
public static class ClusterServices
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Endpoints? _endpoints;

    /// <summary>The servers' connection strings; starts them on first use.</summary>
    public static async Task<Endpoints> StartAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _endpoints ??= await LaunchAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new empty PostgreSQL database for one test; returns its connection string.</summary>
    public static async Task<string> NewDatabaseAsync(string? hint = null)
    {
        var endpoints = await StartAsync();
        var name = $"t_{(hint is null ? "" : Sanitize(hint) + "_")}{Guid.NewGuid():N}"; // at most 51 characters (PostgreSQL: 63)
        await using (var connection = new NpgsqlConnection(endpoints.Postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(endpoints.Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>A Redis key prefix no other test uses (for <c>Host:Redis:*</c> settings that take one).</summary>
    public static string NewRedisPrefix() => $"t{Guid.NewGuid():N}"[..12] + ":";

    private static string Sanitize(string hint) =>
        new([.. hint.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c)).Take(16)]);

    private static async Task<Endpoints> LaunchAsync()
    {
        var pg = Environment.GetEnvironmentVariable("PLUGIN_TEST_PG");
        var redis = Environment.GetEnvironmentVariable("PLUGIN_TEST_REDIS");
        if (!string.IsNullOrEmpty(pg) && !string.IsNullOrEmpty(redis))
            return new Endpoints(pg, redis);

        var script = Path.Combine(RepositoryRoot(), "scripts", "cluster-services.sh");
        var dir = Path.Combine(Path.GetTempPath(), $"plugin-services-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var output = await RunAsync(script, "start", dir);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(script, "stop", dir).GetAwaiter().GetResult();
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception)
            {
                // Best effort at process exit: the folder is in the temp directory.
            }
        };
        return new Endpoints(values["PG_CONNECTION"], values["REDIS_CONNECTION"]);
    }

    private static async Task<string> RunAsync(string script, string verb, string dir)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {verb} failed ({process.ExitCode}): {await stderr}{await stdout}");
        return await stdout;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "cluster-services.sh")))
                return dir.FullName;
        throw new InvalidOperationException("scripts/cluster-services.sh not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Connection strings of the two servers.</summary>
    /// <param name="Postgres">Npgsql connection string to the server's <c>postgres</c> database.</param>
    /// <param name="Redis">StackExchange.Redis configuration (<c>host:port</c>).</param>
    public sealed record Endpoints(string Postgres, string Redis);
}

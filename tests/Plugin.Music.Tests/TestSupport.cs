using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Cli;
using Plugin.Music.Runtime;

namespace Plugin.Music.Tests;

/// <summary>One loopback site for a test class, plus helpers to load plugins in our engine and under Node.</summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public LoopbackSite Site { get; private set; } = null!;
    public HttpClient Http { get; } = MusicCommandLine.CreateHttpClient();

    public async Task InitializeAsync() => Site = await LoopbackSite.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Site.DisposeAsync();
    }

    /// <summary>The test plugin's code with __BASE__ pointing at this site.</summary>
    public string PluginCode(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plugins", name)).Replace("__BASE__", Site.BaseUrl);

    public Task<JsMusicSource> LoadAsync(string name, Dictionary<string, string>? vars = null, MusicSourceOptions? options = null) =>
        JsMusicSource.LoadAsync(PluginCode(name), name, options ?? new MusicSourceOptions(), Http, NullLogger.Instance, vars);

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "host", "Plugin.Music", "js")))
                return dir.FullName;
        throw new DirectoryNotFoundException("cannot find the repository root (host/Plugin.Music/js) above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs calls of a plugin under Node with the real npm packages installed by the build (npm ci).</summary>
    public async Task<JsonArray> RunNodeAsync(string pluginName, Dictionary<string, string> vars, IEnumerable<(string Method, JsonArray Args)> calls)
    {
        var modules = Path.Combine(RepoRoot(), "host", "Plugin.Music", "js", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "cheerio")))
            throw new InvalidOperationException($"{modules} is missing: build host/Plugin.Music (it runs npm ci) first.");
        var file = Path.Combine(Path.GetTempPath(), $"mf-{Guid.NewGuid():N}-{pluginName}");
        await File.WriteAllTextAsync(file, PluginCode(pluginName));
        try
        {
            var input = new JsonObject
            {
                ["plugin"] = file,
                ["vars"] = new JsonObject(vars.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["calls"] = new JsonArray(calls.Select(c => (JsonNode)new JsonObject { ["method"] = c.Method, ["args"] = c.Args.DeepClone() }).ToArray()),
            };
            var start = new ProcessStartInfo("node", Path.Combine(AppContext.BaseDirectory, "node-runner.cjs"))
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
                Environment = { ["NODE_PATH"] = modules, ["TZ"] = Environment.GetEnvironmentVariable("TZ") ?? "" },
            };
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(input.ToJsonString());
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
            if (process.ExitCode != 0) throw new InvalidOperationException($"node failed ({process.ExitCode}): {await stderr}");
            return JsonNode.Parse(await stdout)!.AsArray();
        }
        finally
        {
            File.Delete(file);
        }
    }
}

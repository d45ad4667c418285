using System.Text.Json.Nodes;

namespace Plugin.Host.Tests.FaultSuite;

/// <summary>
/// Hostile MusicFree plugins installed through REST into a host with short limits: each one is cut off with a 4xx/5xx
/// naming the limit or refusal, and afterwards the host still answers and a well-behaved plugin still works.
/// </summary>
[Trait("Category", "FaultSuite")]
public sealed class HostileJsFaults : IAsyncLifetime
{
    private readonly HostProcess _host = new(Directory.CreateTempSubdirectory("fault-js").FullName, Directory.CreateTempSubdirectory("fault-js-feed").FullName,
        "--Music:CallTimeout=00:00:02", "--Music:LoadTimeout=00:00:02", $"--Music:MemoryLimitBytes={64 * 1024 * 1024}");

    private static readonly (string Name, string Search)[] Hostile =
    [
        ("a busy loop", "while (true) {}"),
        ("a busy loop inside a promise", "await new Promise(() => { for (;;) {} });"),
        ("an allocation hog", "const hog = []; for (;;) hog.push(new Array(100000).fill('xxxxxxxx'));"),
        ("unbounded recursion", "const deep = (n) => deep(n + 1) + 1; return deep(0);"),
        ("a promise that never settles", "await new Promise(() => {});"),
        ("require('fs')", "return require('fs').readFileSync('/etc/passwd', 'utf8');"),
        ("require('child_process')", "return require('child_process').execSync('id').toString();"),
        ("the CLR through importNamespace", "return importNamespace('System.IO').File.ReadAllText('/etc/passwd');"),
        ("process.exit", "process.exit(1);"),
        ("a file URL through axios", "return (await require('axios').get('file:///etc/passwd')).data;"),
        ("a prototype poisoning", "Object.prototype.polluted = 'yes'; Array.prototype.map = null; throw new Error('poisoned');"),
        ("a thrown non-error", "throw { toString() { while (true) {} } };"),
    ];

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var dir in new[] { _host.Root, _host.Feed })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Hostile_plugins_are_cut_off_and_the_host_keeps_serving()
    {
        var tally = new FaultTally("hostile JS", "busy loops, memory hogs, escapes and poison in MusicFree plugins");
        await InstallAsync("good", "return { isEnd: true, data: [{ id: 'ok:' + q, title: q, artist: 'a', platform: 'good' }] };");
        for (var i = 0; i < Hostile.Length; i++)
        {
            var (name, search) = Hostile[i];
            await InstallAsync($"hostile{i}", search);
            var (status, json) = await _host.CallAsync(HttpMethod.Post, $"/api/v1/music/hostile{i}/search", new JsonArray("q", 1, "music"));
            var data = json?["data"]?.ToJsonString() ?? "";
            var escaped = data.Contains("root:x:0:0") || data.Contains("uid=");
            tally.Attempt(status >= 400 && !escaped && !string.IsNullOrWhiteSpace((string?)json?["message"]),
                $"{name} answered {status}: {json?.ToJsonString()}", lost: escaped || status == 0);

            // The host and its other plugins are unharmed.
            var (goodStatus, good) = await _host.CallAsync(HttpMethod.Post, "/api/v1/music/good/search", new JsonArray("after", 1, "music"));
            tally.Attempt(goodStatus == 200 && good?["data"]?["data"]?[0]?["id"]?.GetValue<string>() == "ok:after",
                $"after {name} the good plugin answered {goodStatus}: {good?.ToJsonString()}", lost: goodStatus == 0);
        }
        tally.Complete();
    }

    private async Task InstallAsync(string platform, string searchBody)
    {
        var code = $$"""
            module.exports = { platform: "{{platform}}", version: "1.0.0", supportedSearchType: ["music"],
              async search(q, page, type) { {{searchBody}} } };
            """;
        var (status, json) = await _host.CallAsync(HttpMethod.Post, "/api/v1/music/plugins", new { code });
        Assert.True(status == 200, $"installing {platform}: {status} {json?.ToJsonString()}\n{_host.Output}");
    }
}

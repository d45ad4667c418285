using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Music.Api;

namespace Plugin.Music.Tests;

/// <summary>
/// <c>GET /api/v1/music/search</c> runs the sources side by side: two sources that spin on the CPU (before their first
/// await, where a source used to hold the request thread) do not delay a good one, and the whole search takes about one
/// time limit, not their sum.
/// </summary>
public sealed class ParallelSearchTests
{
    private const string Spinner = """
        module.exports = { platform: "PLATFORM", version: "1.0.0", async search(q) { while (true) {} } };
        """;

    private const string Good = """
        module.exports = { platform: "好源", version: "1.0.0", async search(q) { return { isEnd: true, data: [{ id: "g1", title: q }] }; } };
        """;

    [Theory]
    // Each spinner is cut off by its call time limit (3 s); one after another they would take 6 s.
    [InlineData("00:00:03", null, "time limit of 3 s")]
    // The search stops waiting at its own limit (2 s) though the calls may run for 30 s; the late ones are given up.
    [InlineData("00:00:30", "00:00:02", "no answer within the search's time limit of 2 s")]
    public async Task Spinning_sources_do_not_hold_up_a_good_one(string callTimeout, string? searchTimeout, string lateMessage)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "music-par-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // The engine takes its options in code (the host maps its configuration into them).
        builder.Services.AddMusicSources(o =>
        {
            o.DataDir = dataDir;
            o.CallTimeout = TimeSpan.Parse(callTimeout, System.Globalization.CultureInfo.InvariantCulture);
            if (searchTimeout is not null) o.SearchTimeout = TimeSpan.Parse(searchTimeout, System.Globalization.CultureInfo.InvariantCulture);
        });
        await using var app = builder.Build();
        app.MapMusicEndpoints();
        await app.StartAsync();
        try
        {
            using var client = new HttpClient
            {
                BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
                Timeout = TimeSpan.FromMinutes(2),
            };
            foreach (var code in new[] { Spinner.Replace("PLATFORM", "转圈一"), Spinner.Replace("PLATFORM", "转圈二"), Good })
            {
                using var install = await client.PostAsync("/api/v1/music/plugins",
                    new StringContent(new JsonObject { ["code"] = code }.ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, install.StatusCode);
            }

            var limit = TimeSpan.Parse(searchTimeout ?? callTimeout, System.Globalization.CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync("/api/v1/music/search?query=" + Uri.EscapeDataString("晴天"));
            var elapsed = clock.Elapsed;
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var results = body["data"]!["results"]!.AsArray().ToDictionary(r => r!["platform"]!.GetValue<string>(), r => r!);

            Assert.True(results["好源"]["success"]!.GetValue<bool>(), body.ToJsonString());
            Assert.Equal("晴天", results["好源"]["data"]![0]!["title"]!.GetValue<string>());
            foreach (var spinner in new[] { "转圈一", "转圈二" })
            {
                Assert.False(results[spinner]["success"]!.GetValue<bool>());
                Assert.True(results[spinner]["timedOut"]!.GetValue<bool>(), results[spinner].ToJsonString());
                Assert.Contains(lateMessage, results[spinner]["error"]!.GetValue<string>());
            }
            // Never what waiting on each source would take: the sum of the two spinners' call limits when the calls' limit
            // decides, the calls' limit itself when the search has a shorter one. (The two spinners burn both cores of a
            // small machine until they are cut off, so "about one limit" can take a second or two more on a loaded one.)
            var call = TimeSpan.Parse(callTimeout, System.Globalization.CultureInfo.InvariantCulture);
            var bound = searchTimeout is null ? call * 2 : call;
            Assert.True(elapsed < bound, $"the search took {elapsed.TotalSeconds:0.0} s; its limit is {limit.TotalSeconds} s, waiting on each source would take {bound.TotalSeconds} s");

            // The spinners' engines were given up, not left spinning: they answer again.
            using var again = await client.PostAsync("/api/v1/music/好源/search", new StringContent("""["x", 1, "music"]""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }
}

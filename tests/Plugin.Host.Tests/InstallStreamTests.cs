using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>A host whose folder feed has a good plugin, one whose init throws and one whose published hash is wrong;
/// nothing is installed at start (the tests install through the stream).</summary>
public sealed class InstallStreamFixture : HostFixture
{
    protected override void PackPlugins()
    {
        PluginPackages.Pack(Feed, "Streamed", "1.0.0", PluginPackages.Compile("Streamed", "1.0.0", TestPlugins.Versioned("Streamed", "1.0.0")));
        PluginPackages.Pack(Feed, "StreamedBroken", "1.0.0",
            PluginPackages.Compile("StreamedBroken", "1.0.0", TestPlugins.BadInit("StreamedBroken", hang: false)));
        var damaged = PluginPackages.Pack(Feed, "Damaged", "1.0.0", PluginPackages.Compile("Damaged", "1.0.0", TestPlugins.Versioned("Damaged", "1.0.0")));
        File.WriteAllText(damaged + ".sha512", Convert.ToBase64String(new byte[64]));
    }

    protected override Task InstallPluginsAsync() => Task.CompletedTask;
}

/// <summary><c>GET /api/v1/plugin/install/{id}/stream</c>: a real install from the folder feed, read as the web UI reads it.</summary>
public sealed class InstallStreamTests(InstallStreamFixture host) : IClassFixture<InstallStreamFixture>
{
    private sealed record Event(string Name, JsonObject Data)
    {
        public string Step => Data["step"]!.GetValue<string>();
        public string State => Data["state"]!.GetValue<string>();
        public override string ToString() => $"{Name} {Data.ToJsonString()}";
    }

    /// <summary>Reads the server-sent events of the stream until it ends.</summary>
    private async Task<List<Event>> StreamAsync(string path)
    {
        using var request = host.Request(HttpMethod.Get, path, Auth.Bearer);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<Event>();
        string? name = null;
        var data = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
                name = line["event:".Length..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal))
                data += line["data:".Length..].Trim();
            else if (line.Length == 0 && data.Length > 0)
            {
                events.Add(new Event(name ?? "message", JsonNode.Parse(data)!.AsObject()));
                (name, data) = (null, "");
            }
        }
        return events;
    }

    [Fact]
    public async Task A_real_install_streams_its_steps_in_order_then_the_install_answer()
    {
        var events = await StreamAsync("/api/v1/plugin/install/Streamed/stream");

        // The first event is sent at once, before any step: the client knows the install was accepted.
        Assert.Equal("accepted", events[0].Name);
        Assert.Equal("Streamed", events[0].Data["id"]!.GetValue<string>());
        var steps = events.Where(e => e.Name == "step").Select(e => $"{e.Step}:{e.State}").ToList();
        Assert.Equal(
        [
            "resolve:started", "resolve:done",
            "download:started", "download:done", "verify:started", "verify:done",
            "extract:started", "extract:done", "check:started", "check:done", "commit:started", "commit:done",
            "load:started", "load:done",
        ], steps);
        var download = events.First(e => e.Name == "step" && e.Step == "download" && e.State == "done");
        Assert.Equal("Streamed 1.0.0", download.Data["package"]!.GetValue<string>());
        Assert.Equal(1, download.Data["index"]!.GetValue<int>());
        Assert.Equal(1, download.Data["count"]!.GetValue<int>());
        Assert.True(download.Data["bytes"]!.GetValue<long>() > 0, download.ToString());
        Assert.Contains("SHA512 matches", events.First(e => e.Name == "step" && e.Step == "verify" && e.State == "done").Data["message"]!.GetValue<string>());

        // The last event is the plain install call's answer, and the plugin is installed and active.
        var result = events[^1];
        Assert.Equal("result", result.Name);
        Assert.True(result.Data["success"]!.GetValue<bool>(), result.ToString());
        var entry = result.Data["data"]!.AsArray().Single()!;
        Assert.Equal("Streamed", entry["id"]!.GetValue<string>());
        Assert.Equal("Active", entry["status"]!.GetValue<string>());
        var installed = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        Assert.Contains(installed!.AsArray(), p => p!["id"]!.GetValue<string>() == "Streamed");

        // Installing the installed version again only resolves, then loads.
        var again = await StreamAsync("/api/v1/plugin/install/Streamed/stream?version=1.0.0");
        Assert.Equal(["resolve:started", "resolve:done", "load:started", "load:done"],
            again.Where(e => e.Name == "step").Select(e => $"{e.Step}:{e.State}"));
        Assert.Contains("already installed", again.Where(e => e.Name == "step").ElementAt(1).Data["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_verification_is_reported_against_its_step_with_the_installs_error()
    {
        var events = await StreamAsync("/api/v1/plugin/install/Damaged/stream");

        var failed = Assert.Single(events, e => e.Name == "step" && e.State == "failed");
        Assert.Equal("verify", failed.Step);
        Assert.Contains("failed its hash check", failed.Data["message"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e.Name == "step" && e.Step is "extract" or "commit" or "load");
        var result = events[^1];
        Assert.Equal("result", result.Name);
        Assert.False(result.Data["success"]!.GetValue<bool>());
        Assert.Equal(failed.Data["message"]!.GetValue<string>(), result.Data["message"]!.GetValue<string>());
        Assert.Equal(502, result.Data["status"]!.GetValue<int>()); // as the plain install answers a corrupt package
    }

    [Fact]
    public async Task A_plugin_that_does_not_start_fails_the_load_step()
    {
        var events = await StreamAsync("/api/v1/plugin/install/StreamedBroken/stream");

        var failed = Assert.Single(events, e => e.Name == "step" && e.State == "failed");
        Assert.Equal("load", failed.Step);
        Assert.Contains("init exploded", failed.Data["message"]!.GetValue<string>());
        Assert.Contains(events, e => e.Name == "step" && e.Step == "commit" && e.State == "done");
        Assert.False(events[^1].Data["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_bad_request_is_refused_before_the_stream_starts()
    {
        var (status, body) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/Streamed/stream?version=not-a-version");
        Assert.Equal(400, status);
        Assert.Contains("not a valid version", body!["message"]!.GetValue<string>());
        (status, _) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/Streamed/stream", Auth.None);
        Assert.Equal(401, status);
    }
}

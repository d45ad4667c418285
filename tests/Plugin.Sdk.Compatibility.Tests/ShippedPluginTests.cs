using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Plugin.Host.Runtime;
using static Plugin.Sdk.Compatibility.Tests.ShippedPluginFixture;

namespace Plugin.Sdk.Compatibility.Tests;

/// <summary>
/// A plugin built against the shipped Plugin.Sdk 1.0.0 installs, runs every extension point and unloads in today's
/// host. A change to the SDK that breaks what 1.0.0's generated code calls (a descriptor constructor, an argument
/// binder, an author-facing type) fails here with the step that broke.
/// </summary>
public sealed class ShippedPluginTests(ShippedPluginFixture host) : IClassFixture<ShippedPluginFixture>
{
    [Fact]
    public async Task A_plugin_built_against_sdk_1_0_0_installs_runs_every_extension_point_and_unloads()
    {
        // Market and install.
        var market = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=market");
        Assert.Contains(market!.AsArray(), p => p!["id"]!.GetValue<string>() == PluginId);
        var installed = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/install/{PluginId}");
        Assert.True(installed!["success"]!.GetValue<bool>(), installed.ToJsonString());
        var saved = await host.SendAsync(HttpMethod.Put, $"/api/v1/plugin/{PluginId}", body: new { enabled = true, greeting = "你好", cron = "0 5 * * *", times = 2 });
        Assert.True(saved!["success"]!.GetValue<bool>(), saved.ToJsonString());
        var list = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        var item = list!.AsArray().Single(p => p!["id"]!.GetValue<string>() == PluginId)!;
        Assert.True(item["state"]!.GetValue<bool>(), "enabled: " + item.ToJsonString());
        Assert.Equal("1.0.0", item["plugin_version"]!.GetValue<string>());

        // Config form and detail page.
        var form = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/form/{PluginId}");
        Assert.Contains("问候语", Text(form));
        Assert.Equal("你好", form!["model"]!["greeting"]!.GetValue<string>());
        var page = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/page/{PluginId}");
        Assert.Contains("compat page 2", page!.ToJsonString());

        // APIs: query binding with a default, a JSON body, API key.
        var echo = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/{PluginId}/echo?text=hi", Auth.ApiKey);
        Assert.Equal("hi", echo!["text"]!.GetValue<string>());
        Assert.Equal(1, echo["times"]!.GetValue<int>());
        Assert.Equal("你好", echo["greeting"]!.GetValue<string>());
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/{PluginId}/echo?text=hi", Auth.None)).Status);
        var sum = await host.SendAsync(HttpMethod.Post, $"/api/v1/plugin/{PluginId}/sum", Auth.ApiKey, body: new { numbers = new[] { 1, 2, 39 } });
        Assert.Equal(42, sum!.GetValue<int>());

        // A command and its button.
        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "/compat a b" });
        Assert.True(reply!["success"]!.GetValue<bool>(), reply.ToJsonString());
        Assert.Equal("compat 你好", reply["data"]!["replies"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("a b", reply["data"]!["replies"]![0]!["text"]!.GetValue<string>());
        Assert.Equal($"[PLUGIN]{PluginId}|pick", reply["data"]!["replies"]![1]!["buttons"]![0]![0]!["callback_data"]!.GetValue<string>());
        var picked = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = $"[PLUGIN]{PluginId}|pick" });
        Assert.Equal("picked pick", picked!["data"]!["replies"]![0]!["title"]!.GetValue<string>());

        // Services: listed with the cron read from the saved config, and run now.
        var services = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray();
        Assert.Contains(services, s => s!["id"]!.GetValue<string>() == "compat_tick");
        Assert.Contains(services, s => s!["id"]!.GetValue<string>() == "compat_config_cron" && s.ToJsonString().Contains("0 5 * * *"));
        await host.SendAsync(HttpMethod.Post, $"/api/v1/plugin/services/{PluginId}/compat_tick/run?wait=true");

        // A broadcast event (queued: wait for its trace).
        await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/events/transfer.complete", body: new { downloader = "qb", download_hash = "h1" });
        JsonNode? state = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            state = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/{PluginId}/state", Auth.ApiKey);
            if (state!["event"] is not null) break;
        }
        Assert.Equal("qb/h1", state!["event"]?.GetValue<string>());
        Assert.Equal("ticked", state["tick"]?.GetValue<string>());
        Assert.Equal("pick", state["picked"]?.GetValue<string>());

        // Chain events: a handler, and the declared discover/recommend sources and storage provider.
        var recognized = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/name.recognize", body: new { title = "compat" });
        Assert.Equal("兼容", recognized!["data"]!["data"]!["name"]!.GetValue<string>());
        var discover = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/discover.source", body: new { });
        Assert.Contains(discover!["data"]!["data"]!["extra_sources"]!.AsArray(), s => s!["api_path"]!.GetValue<string>() == $"plugin/{PluginId}/discover");
        var recommend = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/recommend.source", body: new { });
        Assert.Contains(recommend!["data"]!["data"]!["extra_sources"]!.AsArray(), s => s!["api_path"]!.GetValue<string>() == $"plugin/{PluginId}/recommend");
        var storage = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/storage.operation", body: new { storage = "compat100" });
        Assert.Equal(PluginId, storage!["data"]!["data"]!["source"]?.GetValue<string>());
        var discovered = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/{PluginId}/discover?page=3", Auth.ApiKey);
        Assert.Equal("discovered 3", discovered![0]!["title"]!.GetValue<string>());

        // Dashboard, workflow action, module override.
        var meta = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/meta");
        Assert.Contains(meta!.AsArray(), m => m!["id"]!.GetValue<string>() == PluginId && m["key"]!.GetValue<string>() == "overview");
        var widget = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/dashboard/{PluginId}/overview");
        Assert.Equal("兼容", widget!["attrs"]!["title"]!.GetValue<string>());
        Assert.Equal(6, widget["cols"]!["md"]!.GetValue<int>());
        Assert.Contains("compat dashboard", widget["elements"]!.ToJsonString());
        var action = await host.SendAsync(HttpMethod.Post, $"/api/v1/workflow/plugin/actions/{PluginId}/mark", body: new { content = "x" });
        Assert.Equal("x|compat", action!["data"]!["content"]!.GetValue<string>());
        var module = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/module/recognize_media", body: new { title = "compat" });
        Assert.Equal("compat100", module!["data"]!["result"]!["source"]!.GetValue<string>());

        // The package's music source, registered while the plugin is enabled.
        var music = await host.SendAsync(HttpMethod.Post, "/api/v1/music/兼容音源/search", body: """["晴天", 1, "music"]""");
        Assert.Equal("compat 晴天", music!["data"]!["data"]![0]!["title"]!.GetValue<string>());

        // Uninstall: everything goes and the plugin's load context is collected.
        var weak = await UninstallAsync();
        for (var i = 0; i < 40 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }
        Assert.False(weak.IsAlive, "the 1.0.0 plugin's AssemblyLoadContext was not collected");
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/{PluginId}/echo?text=hi", Auth.ApiKey)).Status);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Post, "/api/v1/music/兼容音源/search", body: """["晴天", 1, "music"]""")).Status);
    }

    /// <summary>The JSON as written, CJK characters unescaped, for substring checks.</summary>
    private static string Text(JsonNode? node) =>
        node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";

    // Kept out of the test's async state machine, so no local of the test keeps plugin objects alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<WeakReference> UninstallAsync()
    {
        await host.Service<PluginManager>().UninstallAsync(PluginId, CancellationToken.None);
        return host.Service<PluginUnloads>().Last(PluginId) ?? throw new InvalidOperationException("nothing was loaded");
    }
}

using System.Text.Json.Nodes;
using Plugin.Host.Runtime;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>A host with only the plugins that use each other and the host's records.</summary>
public sealed class InteropFixture : HostFixture
{
    protected override void PackPlugins()
    {
        PluginPackages.Pack(Feed, "Provider", "1.0.0", PluginPackages.Compile("Provider", "1.0.0", InteropPlugins.Provider));
        PluginPackages.Pack(Feed, "Consumer", "1.0.0", PluginPackages.Compile("Consumer", "1.0.0", InteropPlugins.Consumer));
        PluginPackages.Pack(Feed, "Downloader", "1.0.0", PluginPackages.Compile("Downloader", "1.0.0", InteropPlugins.Downloader));
    }

    protected override async Task InstallPluginsAsync()
    {
        foreach (var id in new[] { "Provider", "Consumer", "Downloader" })
            Installs[id] = await SendAsync(HttpMethod.Get, $"/api/v1/plugin/install/{id}", Auth.Bearer);
    }
}

[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<InteropFixture>
{
    public const string Name = "interop";
}

/// <summary>
/// <c>Context.Plugins</c> through a real host: one plugin reads what another shared (and only that), and calls the
/// services it offers while both are active; the services go when the provider is disabled or uninstalled, and the
/// provider's load context is collected although the consumer called into it.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class InteropTests(InteropFixture host)
{
    private async Task<JsonNode> Read(string plugin, string key) =>
        (await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/Consumer/read?plugin={plugin}&key={key}", Auth.ApiKey))!;

    private async Task<JsonNode> Add(string service = "add") =>
        (await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/Consumer/add?a=2&b=3&service={service}", Auth.ApiKey))!;

    [Fact]
    public async Task A_plugin_reads_only_what_another_shared_and_calls_its_services_until_it_unloads()
    {
        Assert.True(host.Installs["Provider"]!["success"]!.GetValue<bool>(), host.Installs["Provider"]!.ToJsonString());

        var history = await Read("Provider", "history");
        Assert.Equal("Found", history["status"]!.GetValue<string>());
        Assert.Equal(3, history["value"]!["count"]!.GetValue<int>());
        Assert.Equal("b.org", history["value"]!["sites"]![1]!.GetValue<string>());
        Assert.Equal("Found", (await Read("Provider", "daily-2026-12-01"))["status"]!.GetValue<string>());

        // Private data is never handed out; the answer says why there is none.
        var secret = await Read("Provider", "secret");
        Assert.Equal("NotShared", secret["status"]!.GetValue<string>());
        Assert.Null(secret["value"]);
        Assert.DoesNotContain("s3cr3t", secret.ToJsonString());
        Assert.Contains("does not share 'secret'", secret["message"]!.GetValue<string>());
        Assert.Equal("NotShared", (await Read("Provider", "daily")) ["status"]!.GetValue<string>());
        Assert.Equal("NotSaved", (await Read("Provider", "later"))["status"]!.GetValue<string>());
        Assert.Equal("UnknownPlugin", (await Read("NoSuchPlugin", "history"))["status"]!.GetValue<string>());
        var keys = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Consumer/keys?plugin=Provider", Auth.ApiKey))!.AsArray()
            .Select(k => k!.GetValue<string>()).ToList();
        Assert.Equal(["daily-2026-12-01", "history"], keys);

        // A typed service across load contexts: the consumer's Sum becomes the provider's AddRequest as JSON.
        var sum = await Add();
        Assert.Equal("ok", sum["outcome"]!.GetValue<string>());
        Assert.Equal(5, sum["sum"]!.GetValue<int>());
        Assert.Equal("Provider", sum["by"]!.GetValue<string>());
        Assert.True(sum["offered"]!.GetValue<bool>());
        var boom = await Add("boom");
        Assert.Equal("failed", boom["outcome"]!.GetValue<string>());
        Assert.Contains("no sums today", boom["message"]!.GetValue<string>());
        Assert.Equal("unavailable", (await Add("nothing"))["outcome"]!.GetValue<string>());

        // Disabled: not offered; enabled again: offered again (its init offers anew).
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Provider", body: new { enabled = false });
        var off = await Add();
        Assert.Equal("unavailable", off["outcome"]!.GetValue<string>());
        Assert.False(off["offered"]!.GetValue<bool>());
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Provider", body: new { enabled = true });
        Assert.Equal("ok", (await Add())["outcome"]!.GetValue<string>());

        // Uninstalled: the consumer is told the service is gone, and the provider's load context is collected.
        var weak = await UninstallAsync("Provider");
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }
        Assert.False(weak.IsAlive, "the provider's AssemblyLoadContext was not collected");
        var gone = await Add();
        Assert.Equal("unavailable", gone["outcome"]!.GetValue<string>());
        Assert.Contains("does not offer service 'add'", gone["message"]!.GetValue<string>());
        Assert.Equal("UnknownPlugin", (await Read("Provider", "history"))["status"]!.GetValue<string>());

        // Installed again: its data and service are back, the consumer never restarted.
        await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Provider");
        Assert.Equal(5, (await Add())["sum"]!.GetValue<int>());
        Assert.Equal("Found", (await Read("Provider", "history"))["status"]!.GetValue<string>());
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<WeakReference> UninstallAsync(string id)
    {
        await host.Service<PluginManager>().UninstallAsync(id, CancellationToken.None);
        return host.Service<PluginUnloads>().Last(id) ?? throw new InvalidOperationException("nothing was loaded");
    }
}

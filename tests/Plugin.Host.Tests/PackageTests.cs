using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Host.Web;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// The packages module through the real host: a dependency's native library extracted for the host's RID and called by a
/// plugin; a plugin id owned by the package that brought it (an impostor is refused and never gets the owner's config);
/// a package whose id differs from its plugin's listed, installed and uninstalled by the plugin id.
/// </summary>
[Trait("Category", "FaultSuite")]
[Collection(HostCollection.Name)]
public sealed class PackageTests(HostFixture host)
{
    private const string NativePackage = "libsodium";
    private const string NativeVersion = "1.0.22";

    [Fact]
    public async Task A_dependency_native_library_is_extracted_for_the_host_rid_and_called_from_an_api()
    {
        // The real libsodium package (only runtimes/<rid>/native/ assets) beside the plugin on the feed.
        var cached = Path.Combine(NuGetPackageRoot(), NativePackage, NativeVersion, $"{NativePackage}.{NativeVersion}.nupkg");
        Assert.True(File.Exists(cached), $"{cached} missing: the test project downloads it (PackageDownload)");
        File.Copy(cached, Path.Combine(host.Feed, Path.GetFileName(cached)), overwrite: true);
        File.Copy(cached + ".sha512", Path.Combine(host.Feed, Path.GetFileName(cached) + ".sha512"), overwrite: true);
        PluginPackages.Pack(host.Feed, "Sodium", "1.0.0", PluginPackages.Compile("Sodium", "1.0.0", SodiumPlugin),
            dependencies: [(NativePackage, $"[{NativeVersion}]")]);

        var install = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Sodium");
        Assert.True(install!["success"]!.GetValue<bool>(), install.ToJsonString());

        var answer = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Sodium/hash?text=abc", Auth.ApiKey);
        Assert.True(answer!["init"]!.GetValue<int>() >= 0, answer.ToJsonString()); // 0 first time, 1 when already initialised
        Assert.Equal(NativeVersion, answer["version"]!.GetValue<string>());
        // BLAKE2b-256("abc"), computed by the native library.
        Assert.Equal("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", answer["hash"]!.GetValue<string>());

        // The library the call used is the plugin's copy, not one of the system's.
        if (OperatingSystem.IsLinux())
        {
            var plugins = Path.Combine(host.DataDir, "plugins") + Path.DirectorySeparatorChar;
            Assert.Contains(File.ReadLines("/proc/self/maps"), line => line.Contains(plugins, StringComparison.Ordinal) && line.Contains("libsodium", StringComparison.Ordinal));
        }
        await host.SendAsync(HttpMethod.Delete, "/api/v1/plugin/Sodium");
    }

    [Fact]
    public async Task A_package_carrying_an_owned_plugin_id_is_refused_and_never_gets_the_owners_config()
    {
        PluginPackages.Pack(host.Feed, "Owned", "1.0.0", PluginPackages.Compile("Owned", "1.0.0", TestPlugins.Versioned("Owned", "1.0.0")));
        // "Impostor" carries a plugin whose id is Owned (its package.json says so, as the generator would write it).
        PluginPackages.Pack(host.Feed, "Impostor", "6.6.6", PluginPackages.Compile("Impostor", "6.6.6", TestPlugins.Versioned("Owned", "6.6.6")),
            packageJson: new JsonObject { ["Owned"] = new JsonObject { ["name"] = "Owned", ["version"] = "6.6.6" } });

        Assert.True((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Owned"))!["success"]!.GetValue<bool>());
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Owned", body: new { enabled = true, note = "the owner's secret" });

        var (status, body) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/Impostor");
        Assert.Equal(409, status);
        var message = body!["message"]!.GetValue<string>();
        Assert.Contains("Impostor", message);
        Assert.Contains("belongs to package Owned", message);

        // Nothing of the impostor was installed or loaded: the owner answers, with its own config.
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "plugins", "Impostor")));
        var version = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Owned/version", Auth.ApiKey);
        Assert.Equal("1.0.0", version!["version"]!.GetValue<string>());
        Assert.Equal("the owner's secret", version["note"]!.GetValue<string>());
        var installed = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"))!.AsArray();
        Assert.Equal("Owned", Assert.Single(installed, p => p!["id"]!.GetValue<string>() == "Owned")!["package_id"]!.GetValue<string>());
        Assert.DoesNotContain(installed, p => p!["id"]!.GetValue<string>() == "Impostor");

        // A package whose package.json hides the id its compiled manifest carries: installed, but refused at load, visibly.
        PluginPackages.Pack(host.Feed, "Liar", "1.0.0", PluginPackages.Compile("Liar", "1.0.0", TestPlugins.Versioned("Owned", "7.7.7")),
            packageJson: new JsonObject { ["Liar"] = new JsonObject { ["name"] = "Liar", ["version"] = "1.0.0" } });
        var liar = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Liar");
        Assert.False(liar!["success"]!.GetValue<bool>(), liar.ToJsonString());
        Assert.Contains("belongs to package Owned", liar["message"]!.GetValue<string>());
        var listed = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"))!.AsArray();
        Assert.Equal("NotSupported", Assert.Single(listed, p => p!["id"]!.GetValue<string>() == "Liar")!["status"]!.GetValue<string>());
        var still = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Owned/version", Auth.ApiKey);
        Assert.Equal("1.0.0", still!["version"]!.GetValue<string>());
        Assert.Equal("the owner's secret", still["note"]!.GetValue<string>());
        await host.SendAsync(HttpMethod.Delete, "/api/v1/plugin/Liar");
        Assert.Equal("the owner's secret", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Owned"))!["note"]!.GetValue<string>());

        await host.SendAsync(HttpMethod.Delete, "/api/v1/plugin/Owned");
    }

    [Fact]
    public async Task A_package_whose_id_differs_from_its_plugin_is_listed_installed_and_uninstalled_by_the_plugin_id()
    {
        PluginPackages.Pack(host.Feed, "MyPlugins", "1.0.0", PluginPackages.Compile("MyPlugins", "1.0.0", TestPlugins.Versioned("Foo", "1.0.0")),
            packageJson: new JsonObject
            {
                ["Foo"] = new JsonObject { ["name"] = "Foo plugin", ["version"] = "1.0.0", ["icon"] = "icon.png", ["level"] = 1 },
            });

        // The market lists the plugin id, with the package carrying it; the package id is no plugin.
        var market = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=market"))!.AsArray();
        var foo = Assert.Single(market, p => p!["id"]!.GetValue<string>() == "Foo")!;
        Assert.Equal("MyPlugins", foo["package_id"]!.GetValue<string>());
        Assert.False(foo["installed"]!.GetValue<bool>());
        Assert.DoesNotContain(market, p => p!["id"]!.GetValue<string>() == "MyPlugins");
        using (var icon = await host.Http.GetAsync("/api/v1/plugin/icon/Foo?file=icon.png"))
            Assert.Equal(PluginPackages.IconPng, await icon.Content.ReadAsByteArrayAsync());

        // Installing the plugin id installs its package.
        var install = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Foo");
        Assert.True(install!["success"]!.GetValue<bool>(), install.ToJsonString());
        Assert.Equal("1.0.0", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Foo/version", Auth.ApiKey))!["version"]!.GetValue<string>());

        // Market and installed lists agree: Foo once, installed, from MyPlugins; the market (what can be installed, as
        // MoviePilot lists it) no longer offers it.
        var offered = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=market"))!.AsArray();
        Assert.DoesNotContain(offered, p => p!["id"]!.GetValue<string>() is "Foo" or "MyPlugins");
        foreach (var state in new[] { "installed", "all" })
        {
            var list = (await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/?state={state}"))!.AsArray();
            var item = Assert.Single(list, p => p!["id"]!.GetValue<string>() == "Foo")!;
            Assert.True(item["installed"]!.GetValue<bool>(), state);
            Assert.Equal("MyPlugins", item["package_id"]!.GetValue<string>());
            Assert.False(item["is_local"]!.GetValue<bool>(), state);
            Assert.DoesNotContain(list, p => p!["id"]!.GetValue<string>() == "MyPlugins");
        }
        using (var icon = await host.Http.GetAsync("/api/v1/plugin/icon/Foo?file=icon.png"))
            Assert.Equal(PluginPackages.IconPng, await icon.Content.ReadAsByteArrayAsync());

        await host.SendAsync(HttpMethod.Delete, "/api/v1/plugin/Foo");
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "plugins", "MyPlugins")));
        var after = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=market"))!.AsArray();
        Assert.False(Assert.Single(after, p => p!["id"]!.GetValue<string>() == "Foo")!["installed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task After_a_restart_two_installed_packages_carrying_one_plugin_id_never_both_load()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-impostor").FullName;
        var feed = Path.Combine(root, "feed");
        PluginPackages.Pack(feed, "Owned", "1.0.0", PluginPackages.Compile("Owned", "1.0.0", TestPlugins.Versioned("Owned", "1.0.0")));
        PluginPackages.Pack(feed, "Impostor", "6.6.6", PluginPackages.Compile("Impostor", "6.6.6", TestPlugins.Versioned("Owned", "6.6.6")),
            packageJson: new JsonObject { ["Owned"] = new JsonObject { ["name"] = "Owned", ["version"] = "6.6.6" } });
        var data = Path.Combine(root, "data");
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={data}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=impostor-token", "--Host:Admin:Password=pw", "--Logging:LogLevel:Default=Warning",
        ];
        try
        {
            await using (var first = await StartAsync(args))
            {
                var manager = first.Services.GetRequiredService<PluginManager>();
                await manager.InstallAsync("Owned", null, CancellationToken.None);
                await first.Services.GetRequiredService<PluginConfigService>().SaveAsync("Owned", new JsonObject { ["enabled"] = true, ["note"] = "the owner's secret" }, CancellationToken.None);
                await first.StopAsync();
            }
            // The impostor's folder put beside the owner's by hand (the installer would refuse it), after the owner.
            var elsewhere = new PluginPackagesOptions { DataDir = Path.Combine(root, "elsewhere"), Feeds = [feed] };
            var impostor = await new NuGetPluginInstaller(new PackageFeeds(elsewhere), elsewhere, new HostAssemblies())
                .InstallAsync("Impostor", null, CancellationToken.None);
            var target = Path.Combine(data, "plugins", "Impostor");
            Directory.CreateDirectory(Path.Combine(target, impostor.Version));
            File.Copy(Path.Combine(Path.GetDirectoryName(impostor.Directory)!, "current"), Path.Combine(target, "current"));
            foreach (var file in Directory.EnumerateFiles(impostor.Directory))
                File.Copy(file, Path.Combine(target, impostor.Version, Path.GetFileName(file)));

            await using var second = await StartAsync(args);
            var catalog = second.Services.GetRequiredService<PluginCatalog>();
            // Installed packages load in the background after the start (issue 13 point 9): wait for both outcomes.
            await Workers.WorkerHost.WaitUntilAsync(() => new[] { "Owned", "Impostor" }.All(id => catalog.Find(id) is { Status: not Installation.PluginStatus.Loading }),
                "both packages' loads at start have an outcome");
            Assert.Equal("Owned", catalog.Find("Owned")!.PackageId);
            Assert.Equal(Installation.PluginStatus.Active, catalog.Find("Owned")!.Status);
            var refused = catalog.Find("Impostor")!;
            Assert.Equal(Installation.PluginStatus.NotSupported, refused.Status);
            Assert.Contains("Package Impostor carries plugin Owned, which belongs to package Owned", refused.Error);
            var address = second.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var answer = await http.GetFromJsonAsync<JsonObject>("/api/v1/plugin/Owned/version?apikey=impostor-token");
            Assert.Equal("1.0.0", answer!["version"]!.GetValue<string>());
            Assert.Equal("the owner's secret", answer["note"]!.GetValue<string>());
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<WebApplication> StartAsync(string[] args)
    {
        var app = HostApplication.Build(args);
        await app.StartAsync();
        return app;
    }

    private static string NuGetPackageRoot() =>
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;

    /// <summary>Calls libsodium through P/Invoke: the name is resolved by the plugin's load context.</summary>
    private const string SodiumPlugin = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;

        [assembly: PluginManifest(typeof(SodiumPlugin.Manifest))]
        namespace SodiumPlugin
        {
            public class SodiumConfig : PluginConfig { public SodiumConfig() { Enabled = true; } }

            public sealed class Sodium : PluginBase<SodiumConfig>
            {
                [DllImport("libsodium", CallingConvention = CallingConvention.Cdecl)]
                private static extern int sodium_init();

                [DllImport("libsodium", CallingConvention = CallingConvention.Cdecl)]
                private static extern IntPtr sodium_version_string();

                [DllImport("libsodium", CallingConvention = CallingConvention.Cdecl)]
                private static extern int crypto_generichash(byte[] output, UIntPtr outputLength, byte[] input, ulong inputLength, byte[] key, UIntPtr keyLength);

                internal ValueTask<object> Hash(ApiRequest r, CancellationToken ct)
                {
                    var init = sodium_init();
                    var input = System.Text.Encoding.UTF8.GetBytes(Arguments.Required<string>(r, "text"));
                    var hash = new byte[32];
                    crypto_generichash(hash, (UIntPtr)32, input, (ulong)input.Length, null, UIntPtr.Zero);
                    return new ValueTask<object>(new { Init = init, Version = Marshal.PtrToStringAnsi(sodium_version_string()), Hash = Convert.ToHexString(hash).ToLowerInvariant() });
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Sodium", Name = "Sodium", Version = "1.0.0", Create = () => new Sodium(), ConfigType = typeof(SodiumConfig),
                        Apis = new[] { new ApiDescriptor("/hash", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Sodium)p).Hash(r, ct)) },
                    },
                };
            }
        }
        """;
}

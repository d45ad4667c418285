using System.Runtime.CompilerServices;
using Plugin.Host.Installation;
using Plugin.Host.Loading;

namespace Plugin.Host.Packages.Tests;

[Collection(FeedCollection.Name)]
public sealed class LoaderTests(FeedFixture feeds)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Two_plugins_load_two_versions_of_one_library_side_by_side_and_share_the_sdk()
    {
        var installer = feeds.Installer(feeds.NewData());
        var alpha = await installer.InstallAsync("AlphaPlugin", "1.0.0", None);
        var beta = await installer.InstallAsync("BetaPlugin", null, None);

        var (alphaText, betaText, references) = LoadBothAndUnload(feeds.Loader(), alpha, beta);

        Assert.Equal("SideLib 1.0.0", alphaText);
        Assert.Equal("SideLib 2.0.0", betaText);
        AssertCollected(references);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (string, string, WeakReference[]) LoadBothAndUnload(PluginLoader loader, InstalledPackage alpha, InstalledPackage beta)
    {
        var a = loader.Load(alpha);
        var b = loader.Load(beta);
        Assert.NotSame(a.Assembly, b.Assembly);
        Assert.Equal("AlphaPlugin", a.Manifest.Plugins[0].Id);
        // Plugin.Sdk comes from the host: the manifest type is the host's IPluginManifest, in the default context.
        Assert.Same(typeof(Plugin.Sdk.Manifest.IPluginManifest).Assembly,
            a.Assembly.GetReferencedAssemblies().Where(r => r.Name == "Plugin.Sdk").Select(r => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a.Manifest.GetType().GetInterfaces()[0].Assembly)!.LoadFromAssemblyName(r)).Single());
        var side = a.Assembly.GetReferencedAssemblies().Single(r => r.Name == "SideLib");
        var sideA = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a.Assembly)!.LoadFromAssemblyName(side);
        Assert.Equal(new Version(1, 0, 0, 0), sideA.GetName().Version);
        Assert.NotEqual(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(sideA));
        var texts = (a.Manifest.Plugins[0].Description, b.Manifest.Plugins[0].Description);
        return (texts.Item1, texts.Item2, [a.Context.Unload(), b.Context.Unload()]);
    }

    [Fact]
    public async Task Unloaded_context_is_collected()
    {
        var installer = feeds.Installer(feeds.NewData());
        var plain = await installer.InstallAsync("PlainPlugin", null, None);

        var reference = LoadAndUnload(feeds.Loader(), plain);

        AssertCollected([reference]);
        // The files can go once the context is gone.
        await installer.UninstallAsync("PlainPlugin", None);
        Assert.False(Directory.Exists(plain.Directory));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndUnload(PluginLoader loader, InstalledPackage package)
    {
        var loaded = loader.Load(package);
        Assert.Equal("PlainPlugin", loaded.Manifest.Plugins[0].Id);
        Assert.True(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(loaded.Assembly)!.IsCollectible);
        return loaded.Context.Unload();
    }

    [Fact]
    public async Task A_loaded_version_keeps_working_when_an_update_removes_its_folder()
    {
        // The host installs the new version first (a failed install leaves the old one running), then unloads the old one.
        var installer = feeds.Installer(feeds.NewData());
        var v1 = await installer.InstallAsync("LatePlugin", "1.0.0", None);
        var reference = LoadUpdateAndUse(feeds.Loader(), installer, v1);
        AssertCollected([reference]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadUpdateAndUse(PluginLoader loader, NuGetPluginInstaller installer, InstalledPackage v1)
    {
        var old = loader.Load(v1);
        var v2 = installer.InstallAsync("LatePlugin", "1.1.0", None).GetAwaiter().GetResult();
        Assert.False(Directory.Exists(v1.Directory));
        // SideLib is first used only now, after its folder is gone.
        var late = old.Assembly.GetType("TestLatePlugin.Manifest")!.GetMethod("Late")!;
        Assert.Equal("SideLib 1.0.0", late.Invoke(null, null));
        var fresh = loader.Load(v2);
        Assert.Equal("1.1.0", fresh.Manifest.Plugins[0].Version);
        fresh.Context.Unload();
        return old.Context.Unload();
    }

    [Fact]
    public async Task Throwing_plugin_is_Malfunctioned_with_its_error()
    {
        var installer = feeds.Installer(feeds.NewData());
        var package = await installer.InstallAsync("ThrowingPlugin", null, None);

        var error = Assert.Throws<PluginInstallException>(() => feeds.Loader().Load(package));

        Assert.Equal(PluginStatus.Malfunctioned, error.Status);
        Assert.Equal("ThrowingPlugin", error.PluginId);
        Assert.Contains("boom at load", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Manifest_declaring_another_sdk_major_is_NotSupported()
    {
        var installer = feeds.Installer(feeds.NewData());
        var package = await installer.InstallAsync("FutureManifestPlugin", null, None);

        var error = Assert.Throws<PluginInstallException>(() => feeds.Loader().Load(package));

        Assert.Equal(PluginStatus.NotSupported, error.Status);
        Assert.Contains("Plugin.Sdk 2.0.0 (major 2)", error.Message);
    }

    [Fact]
    public async Task Manifest_declaring_a_newer_sdk_minor_is_NotSupported()
    {
        var installer = feeds.Installer(feeds.NewData());
        var package = await installer.InstallAsync("NewerMinorManifestPlugin", null, None);

        var error = Assert.Throws<PluginInstallException>(() => feeds.Loader().Load(package));

        Assert.Equal(PluginStatus.NotSupported, error.Status);
        Assert.Contains("Plugin.Sdk 1.99.0, newer than this host's", error.Message);
    }

    [Fact]
    public async Task Missing_assembly_is_Malfunctioned()
    {
        var installer = feeds.Installer(feeds.NewData());
        var package = await installer.InstallAsync("PlainPlugin", null, None);
        File.Delete(package.AssemblyPath);

        var error = Assert.Throws<PluginInstallException>(() => feeds.Loader().Load(package));

        Assert.Equal(PluginStatus.Malfunctioned, error.Status);
        Assert.Contains(package.AssemblyPath, error.Message);
    }

    [Fact]
    public async Task Dependencies_the_host_has_at_the_same_or_a_newer_version_come_from_the_host()
    {
        var installer = feeds.Installer(feeds.NewData());

        var shared = await installer.InstallAsync("HostDepPlugin", null, None);
        var own = await installer.InstallAsync("NewerLibPlugin", null, None);

        // Newtonsoft.Json >= 13.0.1, System.Text.Json, logging abstractions: all the host's, nothing extracted.
        Assert.Empty(shared.PrivateAssemblyPaths);
        Assert.Equal(["Newtonsoft.Json.dll"], own.PrivateAssemblyPaths.Select(Path.GetFileName));
        var references = LoadHostAndPrivate(feeds.Loader(), shared, own);
        AssertCollected(references);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] LoadHostAndPrivate(PluginLoader loader, InstalledPackage shared, InstalledPackage own)
    {
        var a = loader.Load(shared);
        var b = loader.Load(own);
        var json = new System.Reflection.AssemblyName("Newtonsoft.Json");
        Assert.Same(typeof(Newtonsoft.Json.JsonConvert).Assembly, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a.Assembly)!.LoadFromAssemblyName(json));
        Assert.Equal(typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version!.ToString(), a.Manifest.Plugins[0].Description);
        Assert.Equal("fake 99", b.Manifest.Plugins[0].Description);
        Assert.NotSame(typeof(Newtonsoft.Json.JsonConvert).Assembly, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(b.Assembly)!.LoadFromAssemblyName(json));
        return [a.Context.Unload(), b.Context.Unload()];
    }

    private static void AssertCollected(WeakReference[] references)
    {
        for (var i = 0; i < 50 && references.Any(r => r.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        Assert.All(references, r => Assert.False(r.IsAlive, "the plugin's AssemblyLoadContext was not collected"));
    }
}

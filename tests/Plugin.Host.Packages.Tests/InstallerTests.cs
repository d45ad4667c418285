using Plugin.Host.Installation;

namespace Plugin.Host.Packages.Tests;

[Collection(FeedCollection.Name)]
public sealed class InstallerTests(FeedFixture feeds)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Installs_with_private_dependency_and_skips_what_the_host_provides()
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);

        var installed = await installer.InstallAsync("AlphaPlugin", "1.0.0", None);

        Assert.Equal("AlphaPlugin", installed.Id);
        Assert.Equal("1.0.0", installed.Version);
        Assert.Equal(Path.Combine(options.PluginsDirectory, "AlphaPlugin", "1.0.0"), installed.Directory);
        Assert.True(File.Exists(installed.AssemblyPath));
        Assert.Equal("AlphaPlugin.dll", Path.GetFileName(installed.AssemblyPath));
        // SideLib is private (the host has none); Plugin.Sdk is the host's and never extracted.
        Assert.Equal(["SideLib.dll"], installed.PrivateAssemblyPaths.Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(installed.Directory, "Plugin.Sdk.dll")));
        Assert.Equal(2, (int)installed.Entry!["level"]!);
        Assert.Equal("1.0.0", File.ReadAllText(Path.Combine(options.PluginsDirectory, "AlphaPlugin", "current")));
        Assert.Equal("AlphaPlugin", Assert.Single(installer.ListInstalled()).Id);
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, ".staging")));
    }

    [Fact]
    public async Task Installs_newest_when_no_version_is_given_and_updates_remove_the_old_folder()
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);
        var v1 = await installer.InstallAsync("AlphaPlugin", "1.0.0", None);

        var v2 = await installer.InstallAsync("alphaplugin", null, None);

        Assert.Equal("1.1.0", v2.Version);
        Assert.False(Directory.Exists(v1.Directory));
        Assert.True(File.Exists(v2.AssemblyPath));
        Assert.Equal("1.1.0", Assert.Single(installer.ListInstalled()).Version);
    }

    [Fact]
    public async Task Uninstall_removes_the_files()
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);
        await installer.InstallAsync("PlainPlugin", null, None);

        await installer.UninstallAsync("PlainPlugin", None);

        Assert.Empty(installer.ListInstalled());
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, "PlainPlugin")));
    }

    [Theory]
    [InlineData("SlipPlugin", "../../evil.txt")]
    [InlineData("RootedPlugin", "/tmp/evil.txt")]
    [InlineData("EncodedSlipPlugin", "../../evil.txt")]
    public async Task Refuses_entries_that_escape_the_folder(string id, string entry)
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);

        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync(id, null, None));

        Assert.Contains("escapes the install folder", error.Message);
        Assert.Contains(entry, error.Message);
        Assert.Equal(id, error.PluginId);
        Assert.Empty(installer.ListInstalled());
        Assert.False(File.Exists(Path.Combine(options.DataDir, "evil.txt")));
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, id)));
    }

    [Fact]
    public async Task Corrupt_package_is_refused_and_the_previous_version_stays()
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);
        var v1 = await installer.InstallAsync("GammaPlugin", "1.0.0", None);

        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("GammaPlugin", "2.0.0", None));

        Assert.Equal(PluginStatus.Malfunctioned, error.Status);
        Assert.Contains("corrupt", error.Message);
        Assert.Contains("GammaPlugin", error.Message);
        AssertStillInstalled(installer, options, v1);
    }

    [Fact]
    public async Task Hash_mismatch_is_refused_and_the_previous_version_stays()
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);
        var v1 = await installer.InstallAsync("DeltaPlugin", "1.0.0", None);

        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("DeltaPlugin", "2.0.0", None));

        Assert.Equal(PluginStatus.Malfunctioned, error.Status);
        Assert.Contains("hash check", error.Message);
        AssertStillInstalled(installer, options, v1);
    }

    [Fact]
    public async Task Crash_before_the_switch_leaves_the_old_version_active_and_restart_cleans_up()
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);
        var v1 = await installer.InstallAsync("AlphaPlugin", "1.0.0", None);
        string? staged = null;
        installer.BeforeSwitch = (folder, _) =>
        {
            staged = folder;
            Assert.True(File.Exists(Path.Combine(folder, "AlphaPlugin.dll")));
            throw new IOException("simulated crash after extraction");
        };

        await Assert.ThrowsAsync<IOException>(() => installer.InstallAsync("AlphaPlugin", "1.1.0", None));

        Assert.Equal(Path.Combine(options.PluginsDirectory, "AlphaPlugin", "1.1.0"), staged);
        AssertStillInstalled(installer, options, v1);

        // A real kill leaves the extracted folder and staging behind: recreate that and "restart".
        Directory.CreateDirectory(staged!);
        File.WriteAllText(Path.Combine(staged!, "install.json"), "{}");
        Directory.CreateDirectory(Path.Combine(options.PluginsDirectory, ".staging", "abc", "content"));
        File.WriteAllText(Path.Combine(options.PluginsDirectory, "AlphaPlugin", "current.123.tmp"), "1.1.0");
        Directory.CreateDirectory(Path.Combine(options.PluginsDirectory, "HalfInstalled", "1.0.0"));

        var restarted = feeds.Installer(options);

        AssertStillInstalled(restarted, options, v1);
        Assert.False(Directory.Exists(staged));
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, ".staging")));
        Assert.False(File.Exists(Path.Combine(options.PluginsDirectory, "AlphaPlugin", "current.123.tmp")));
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, "HalfInstalled")));
        // And the update goes through once the fault is gone.
        Assert.Equal("1.1.0", (await restarted.InstallAsync("AlphaPlugin", "1.1.0", None)).Version);
    }

    [Fact]
    public async Task Incompatible_sdk_major_in_the_nuspec_is_NotSupported()
    {
        var installer = feeds.Installer(feeds.NewData());
        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("NewSdkPlugin", null, None));
        Assert.Equal(PluginStatus.NotSupported, error.Status);
        Assert.Contains("Plugin.Sdk", error.Message);
        Assert.Contains("major 2", error.Message);
        Assert.Contains("major 1", error.Message);
        Assert.Empty(installer.ListInstalled());
    }

    [Fact]
    public async Task Incompatible_sdk_major_in_the_assembly_reference_is_NotSupported()
    {
        var installer = feeds.Installer(feeds.NewData());
        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("OldRefPlugin", null, None));
        Assert.Equal(PluginStatus.NotSupported, error.Status);
        Assert.Contains("built against Plugin.Sdk 2.0.0 (major 2)", error.Message);
        Assert.Empty(installer.ListInstalled());
    }

    [Fact]
    public async Task Plugin_needing_a_newer_sdk_minor_than_the_host_is_NotSupported_and_says_what_to_update()
    {
        var installer = feeds.Installer(feeds.NewData());
        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("NewerMinorPlugin", null, None));
        Assert.Equal(PluginStatus.NotSupported, error.Status);
        Assert.Contains("Plugin.Sdk 1.99.0, newer than this host's Plugin.Sdk 1.", error.Message);
        Assert.Contains("update the host", error.Message);
        Assert.Empty(installer.ListInstalled());
    }

    [Fact]
    public async Task Unknown_plugin_version_or_non_plugin_package_gives_a_clear_error()
    {
        var installer = feeds.Installer(feeds.NewData());
        var missing = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("NoSuchPlugin", null, None));
        Assert.Contains("not found on any feed", missing.Message);
        var version = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("AlphaPlugin", "9.9.9", None));
        Assert.Contains("1.1.0, 1.0.0", version.Message);
        var library = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("SideLib", null, None));
        Assert.Contains("not a plugin package", library.Message);
        var escape = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("../x", null, None));
        Assert.Contains("not a valid plugin id", escape.Message);
    }

    [Fact]
    public async Task Satellite_assemblies_keep_their_culture_folders()
    {
        var installer = feeds.Installer(feeds.NewData());

        var installed = await installer.InstallAsync("CulturePlugin", null, None);

        Assert.Equal(["CultureLib.dll"], installed.PrivateAssemblyPaths.Select(Path.GetFileName));
        foreach (var culture in new[] { "de", "fr" })
        {
            Assert.True(File.Exists(Path.Combine(installed.Directory, culture, "CulturePlugin.resources.dll")));
            Assert.True(File.Exists(Path.Combine(installed.Directory, culture, "CultureLib.resources.dll")));
        }
        var loaded = feeds.Loader().Load(installed);
        Assert.Equal("CulturePlugin", loaded.Manifest.Plugins[0].Id);
        loaded.Context.Unload();
    }

    [Fact]
    public async Task An_unreachable_feed_is_named_instead_of_not_found()
    {
        // A port nothing listens on, on loopback.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var installer = feeds.Installer(feeds.NewData($"http://127.0.0.1:{port}/v3/index.json"));

        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("AlphaPlugin", null, None));

        Assert.Contains("Cannot look up AlphaPlugin", error.Message);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task Unmet_dependencies_give_a_clear_error()
    {
        var options = feeds.NewData();
        var installer = feeds.Installer(options);

        var orphan = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("OrphanPlugin", null, None));
        Assert.Contains("depends on MissingLib", orphan.Message);
        Assert.Contains("which no feed has", orphan.Message);

        var tooNew = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("TooNewDepPlugin", null, None));
        Assert.Contains("Cannot resolve the dependencies of TooNewDepPlugin 1.0.0", tooNew.Message);
        Assert.Contains("SideLib", tooNew.Message);

        Assert.Empty(installer.ListInstalled());
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, ".staging")));
    }

    private static void AssertStillInstalled(IPluginInstaller installer, PluginPackagesOptions options, InstalledPackage previous)
    {
        var current = Assert.Single(installer.ListInstalled());
        Assert.Equal(previous.Version, current.Version);
        Assert.True(File.Exists(current.AssemblyPath));
        var pluginFolder = Path.GetDirectoryName(previous.Directory)!;
        Assert.Equal([previous.Version], Directory.GetDirectories(pluginFolder).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, ".staging")));
    }
}

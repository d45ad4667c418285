namespace Plugin.Host.Tests.FaultSuite;

/// <summary>The packages the process-level fault cases install, compiled once per test run.</summary>
public sealed class FaultFeed : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("fault-feed").FullName;

    public FaultFeed()
    {
        PluginPackages.Pack(Path, "Echo", "1.0.0", PluginPackages.Compile("Echo", "1.0.0", TestPlugins.Echo("1.0.0")));
        foreach (var version in new[] { "1.0.0", "2.0.0" })
            PluginPackages.Pack(Path, "Upd", version, PluginPackages.Compile("Upd", version, TestPlugins.Versioned("Upd", version)));
        PluginPackages.Pack(Path, "Gone", "1.0.0", PluginPackages.Compile("Gone", "1.0.0", TestPlugins.Versioned("Gone", "1.0.0")));
        // A bystander nobody touches while the others are crashed mid-operation.
        PluginPackages.Pack(Path, "Calm", "1.0.0", PluginPackages.Compile("Calm", "1.0.0", TestPlugins.Versioned("Calm", "1.0.0")));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

namespace Plugin.Host.Hosting;

/// <summary>
/// Every folder and file the host keeps under its data folder, resolved once to full paths. <c>Host:DataDir</c> is read
/// here and nowhere else (default <c>./data</c>; a relative path is relative to the folder the host was started from, as
/// DESIGN §7 says), like <c>Host:WebRoot</c> (whose default is the host's own <c>wwwroot</c>). Modules and engines get their paths from this, never from the configuration.
/// </summary>
public sealed class HostPaths
{
    public const string DataDirKey = "Host:DataDir";
    public const string WebRootKey = "Host:WebRoot";

    public HostPaths(string dataDir, string? webRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        DataDir = Path.GetFullPath(dataDir);
        WebRoot = string.IsNullOrWhiteSpace(webRoot) ? DefaultWebRoot : Path.GetFullPath(webRoot);
    }

    /// <summary>The paths for <c>Host:DataDir</c> and <c>Host:WebRoot</c> of <paramref name="configuration"/>.</summary>
    public static HostPaths From(IConfiguration configuration) =>
        new(configuration[DataDirKey] is { } dataDir && !string.IsNullOrWhiteSpace(dataDir) ? dataDir : "data", configuration[WebRootKey]);

    /// <summary>The web UI's built files (<c>Host:WebRoot</c>, default <see cref="DefaultWebRoot"/>); served when it has an index.html.</summary>
    public string WebRoot { get; }

    /// <summary><c>wwwroot</c> beside the host's own files: where a published host (artifacts/host, the .NET tool, a
    /// self-contained publish) carries the web UI it was built with, whatever folder it is started from.</summary>
    public static string DefaultWebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The data folder (<c>Host:DataDir</c>); the host's SQLite file is <c>host.db</c> in it unless <c>Host:Database</c> names another database (<see cref="Storage.HostDatabase"/>).</summary>
    public string DataDir { get; }

    /// <summary>The plugins' own folders (<see cref="Plugin.Sdk.IPluginContext.DataFolder"/>).</summary>
    public string PluginDataRoot => Path.Combine(DataDir, "plugin-data");

    /// <summary>One plugin's data folder. The id is a plugin id the host already knows (ids are checked at install).</summary>
    public string PluginData(string pluginId) => Path.Combine(PluginDataRoot, pluginId);

    /// <summary>Creates <paramref name="pluginId"/>'s data folder if needed, private to whoever runs the plugin (0700 in
    /// a root others may only pass through: plugins cannot list or read each other's folders).</summary>
    public string CreatePluginData(string pluginId)
    {
        PrivateFiles.PassThrough(PluginDataRoot);
        var folder = PluginData(pluginId);
        PrivateFiles.Folder(folder);
        return folder;
    }

    /// <summary>The music engine's folder: MusicFree plugins, their settings and variables.</summary>
    public string Music => Path.Combine(DataDir, "music");

    /// <summary>The indexer engine's built-in site definitions (<c>sites/*.json</c>).</summary>
    public string Sites => Path.Combine(DataDir, "sites");
}

using System.Text.Json.Nodes;
using Plugin.Host.Runtime;

namespace Plugin.Host.Installation;

/// <summary>
/// A plugin on disk: <c>data/plugins/&lt;id&gt;/&lt;version&gt;/</c> with the plugin assembly and its private
/// dependencies (everything but <c>Plugin.Sdk</c> and what the host shares).
/// </summary>
public sealed record InstalledPackage(
    string Id,
    string Version,
    string Directory,
    string AssemblyPath,
    IReadOnlyList<string> PrivateAssemblyPaths,
    JsonObject? Entry)
{
    /// <summary>The plugin ids the package carries (its package.json's keys; the package id when it has none).</summary>
    public IReadOnlyList<string> PluginIds { get; init; } = [Id];

    /// <summary>When it was installed (or last updated); the earlier package owns a plugin id two packages carry.</summary>
    public DateTimeOffset InstalledAt { get; init; }

    /// <summary>Why this package must not be loaded (it carries a plugin id another package owns), or null.</summary>
    public string? Refusal { get; init; }
}

/// <summary>
/// Why an install or load was refused. <see cref="PluginError.Kind"/> says what went wrong (and so the HTTP answer);
/// <see cref="Status"/> is only the state the UI shows for a plugin whose load failed this way.
/// </summary>
public sealed class PluginInstallException(string pluginId, PluginErrorKind kind, string message, Exception? inner = null)
    : PluginError(kind, message, inner)
{
    public string PluginId { get; } = pluginId;

    /// <summary>A package that cannot be used as it is (wrong SDK, not a plugin, bad request, a plugin id another package owns) is NotSupported; one that
    /// broke on the way (damaged, failed to download or to load) is Malfunctioned, and may work after a reinstall.</summary>
    public PluginStatus Status => Kind is PluginErrorKind.Incompatible or PluginErrorKind.Invalid or PluginErrorKind.NotFound or PluginErrorKind.Conflict
        ? PluginStatus.NotSupported
        : PluginStatus.Malfunctioned;
}

/// <summary>Installs, updates and uninstalls plugin packages. Every change is atomic: a crash leaves the previous state.</summary>
public interface IPluginInstaller
{
    /// <summary>Installs <paramref name="id"/> (newest when <paramref name="version"/> is null) with its dependencies,
    /// or updates to that version. Throws <see cref="PluginInstallException"/> with a clear reason.</summary>
    Task<InstalledPackage> InstallAsync(string id, string? version, CancellationToken cancellationToken) =>
        InstallAsync(id, version, InstallProgress.None, cancellationToken);

    /// <summary>As <see cref="InstallAsync(string, string?, CancellationToken)"/>, reporting each step (resolve, download,
    /// verify, extract, check, commit) to <paramref name="progress"/> as it happens, and a failure against its step.</summary>
    Task<InstalledPackage> InstallAsync(string id, string? version, InstallProgress progress, CancellationToken cancellationToken);

    /// <summary>Removes the plugin's files (the caller unloads it first).</summary>
    Task UninstallAsync(string id, CancellationToken cancellationToken);

    /// <summary>The current version of every installed plugin.</summary>
    IReadOnlyList<InstalledPackage> ListInstalled();
}

/// <summary>One status per plugin, as the UI shows it (after Jellyfin's PluginStatus).</summary>
public enum PluginStatus
{
    Active,
    Disabled,
    /// <summary>Threw or failed while loading or initialising; the error is kept.</summary>
    Malfunctioned,
    /// <summary>Built against an SDK major this host does not support, or otherwise incompatible.</summary>
    NotSupported,
    /// <summary>Unloaded (uninstall or reload in progress).</summary>
    Deleted,
    /// <summary>Installed and being loaded: the host loads plugins in the background at start-up, and a plugin is
    /// listed so until its init finished, failed or ran out of time.</summary>
    Loading,
    /// <summary>Runs in a worker process that ended; the worker is being restarted (Workers/, the crash policy).</summary>
    Restarting,
}

using Plugin.Music.Runtime;
using Plugin.Sdk.Music;

namespace Plugin.Music.Management;

/// <summary>How an install, update, registration or removal ended.</summary>
public enum MusicInstallStatus { Installed, Updated, AlreadyInstalled, UpToDate, Refused, Failed, NotFound }

public sealed record MusicInstallResult(MusicInstallStatus Status, string? Platform, string? Version, string Message, string? Url = null)
{
    public bool Succeeded => Status is MusicInstallStatus.Installed or MusicInstallStatus.Updated or MusicInstallStatus.AlreadyInstalled or MusicInstallStatus.UpToDate;
}

/// <summary>A C# source the host runs: registered through <c>AddMusicSource&lt;T&gt;()</c> or found as an IMusicSource service.</summary>
/// <param name="TypeName">The class's full name, for logs.</param>
/// <param name="Factory">Creates the instance (once, when the catalog loads).</param>
/// <param name="Manifest">Its properties; null reads [MusicSource] by reflection.</param>
/// <param name="Functions">The seed functions it implements; null finds them by reflection (overridden defaults).</param>
public sealed record MusicSourceRegistration(string TypeName, Func<IServiceProvider, IMusicSource> Factory, MusicSourceManifest? Manifest = null,
    IReadOnlyList<string>? Functions = null);

/// <summary>One row of the plugin list.</summary>
public sealed record MusicPluginInfo(
    string Platform, MusicSourceKind Kind, string Version, string? Author, string? Description, string? SrcUrl, bool Enabled,
    string? Sha256, string? InstalledFrom, IReadOnlyList<string> Functions, MusicSourceManifest? Manifest,
    IReadOnlyDictionary<string, string> Variables, DateTimeOffset? InstalledAt, DateTimeOffset? UpdatedAt, string? LoadError,
    string? Owner = null);

/// <summary>A platform's source as a call needs it: null <see cref="Runtime"/> means it failed to load (<see cref="LoadError"/>).</summary>
public sealed record MusicSourceState(IMusicSourceRuntime? Runtime, bool Enabled, IReadOnlyDictionary<string, string> Variables, string? LoadError);

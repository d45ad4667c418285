using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Runtime;
using Plugin.Sdk;

namespace Plugin.Music.Management;

/// <summary>
/// Installs MusicFree JavaScript plugins the way MusicFree does: from pasted code, a local file, a URL, or a
/// subscription <c>{ "plugins": [{ "name", "url", "version" }] }</c>, and updates them from their <c>srcUrl</c>. The
/// version rule: one plugin per platform, a newer or equal version replaces it, an older one is refused (an update
/// reports it as up to date); identical code (SHA-256) is not installed twice; a C# source's platform is not taken.
/// Downloads are bounded by <see cref="MusicSourceOptions.MaxPluginBytes"/> while they are read.
/// </summary>
public sealed class JsPluginInstaller(MusicSourceCatalog catalog, MusicSourceOptions options, HttpClient http, ILogger<JsPluginInstaller>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Installs pasted code or a local file's text. <paramref name="installedFrom"/> is remembered for display.</summary>
    public Task<MusicInstallResult> InstallCodeAsync(string code, string? installedFrom = null, CancellationToken cancellationToken = default) =>
        InstallAsync(code, installedFrom, requireNewer: false, expectedPlatform: null, cancellationToken);

    public async Task<MusicInstallResult> InstallFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) return new MusicInstallResult(MusicInstallStatus.Failed, null, null, $"file '{path}' does not exist");
        return await InstallCodeAsync(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Installs what <paramref name="url"/> serves: a plugin (.js) or, when the body is JSON with "plugins", a
    /// subscription (every listed plugin is installed; results per plugin).
    /// </summary>
    public async Task<IReadOnlyList<MusicInstallResult>> InstallFromUrlAsync(string url, CancellationToken cancellationToken = default)
    {
        var (body, failure) = await DownloadAsync(url, null, null, cancellationToken).ConfigureAwait(false);
        if (failure is not null) return [failure];
        if (TryParseSubscription(body!, out var subscription))
            return await InstallSubscriptionAsync(subscription!, cancellationToken).ConfigureAwait(false);
        return [await InstallCodeAsync(body!, url, cancellationToken).ConfigureAwait(false) with { Url = url }];
    }

    /// <summary>Installs every plugin of a subscription document <c>{ "plugins": [{ "name", "url", "version" }] }</c>.</summary>
    public async Task<IReadOnlyList<MusicInstallResult>> InstallSubscriptionAsync(JsonObject subscription, CancellationToken cancellationToken = default)
    {
        if (subscription["plugins"] is not JsonArray plugins)
            return [new MusicInstallResult(MusicInstallStatus.Failed, null, null, "subscription has no \"plugins\" array")];
        var results = new List<MusicInstallResult>();
        for (var i = 0; i < plugins.Count; i++)
        {
            var url = plugins[i]?["url"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrWhiteSpace(url))
            {
                results.Add(new MusicInstallResult(MusicInstallStatus.Failed, null, null, $"plugins[{i}] has no \"url\""));
                continue;
            }
            var (code, failure) = await DownloadAsync(url, plugins[i]?["name"]?.ToString(), null, cancellationToken).ConfigureAwait(false);
            results.Add(failure ?? await InstallCodeAsync(code!, url, cancellationToken).ConfigureAwait(false) with { Url = url });
        }
        return results;
    }

    public static bool TryParseSubscription(string text, out JsonObject? subscription)
    {
        subscription = null;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{') return false;
        try
        {
            subscription = JsonNode.Parse(text) as JsonObject;
            return subscription?["plugins"] is JsonArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Updates from the plugin's <c>srcUrl</c>: the remote code replaces the installed one when its version is
    /// greater than or equal to the installed version (the seed's rule).
    /// </summary>
    public async Task<MusicInstallResult> UpdateAsync(string platform, CancellationToken cancellationToken = default)
    {
        var current = await catalog.GetAsync(platform, cancellationToken).ConfigureAwait(false);
        if (current is null) return new MusicInstallResult(MusicInstallStatus.NotFound, platform, null, $"no music source '{platform}' is installed");
        if (current.Runtime is not JsMusicSource js)
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, null, $"'{platform}' is a C# source; update its package instead");
        if (string.IsNullOrWhiteSpace(js.Manifest.SrcUrl))
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, js.Manifest.Version, $"'{platform}' has no srcUrl to update from");
        var (code, failure) = await DownloadAsync(js.Manifest.SrcUrl!, platform, js.Manifest.Version, cancellationToken).ConfigureAwait(false);
        if (failure is not null) return failure with { Url = null };
        return await InstallAsync(code!, js.Manifest.SrcUrl, requireNewer: true, expectedPlatform: platform, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MusicInstallResult> InstallAsync(string code, string? installedFrom, bool requireNewer, string? expectedPlatform,
        CancellationToken cancellationToken)
    {
        await catalog.InitializeAsync(cancellationToken).ConfigureAwait(false);
        // Identical code is answered before paying for a load; the commit checks again.
        if (catalog.FindByCode(JsMusicSource.ComputeSha256(code)) is { } same)
            return Decide(null, same, requireNewer)!;
        JsMusicSource loaded;
        try
        {
            // Evaluated without the user's variables: a plugin reading env at load time sees them on later loads.
            loaded = await JsMusicSource.LoadAsync(code, installedFrom ?? "pasted code", options, http, _logger, new Dictionary<string, string>(),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MusicPluginLoadException e)
        {
            return new MusicInstallResult(MusicInstallStatus.Failed, null, null, e.Message);
        }
        var (platform, version) = (loaded.Manifest.Platform, loaded.Manifest.Version);
        if (expectedPlatform is not null && platform != expectedPlatform)
        {
            loaded.Dispose();
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, version,
                $"srcUrl of '{expectedPlatform}' serves a plugin for platform '{platform}'; not installed");
        }
        var refusal = catalog.CommitJavaScript(loaded, code, installedFrom, (holder, sameCode) => Decide(holder, sameCode, requireNewer, version),
            out var replaced);
        if (refusal is not null)
        {
            loaded.Dispose();
            return refusal;
        }
        _logger.LogInformation("Music plugin {Platform} {Version} {Action}", platform, version, replaced is null ? "installed" : "replaced");
        return replaced is null
            ? new MusicInstallResult(MusicInstallStatus.Installed, platform, version, $"installed '{platform}' {version}")
            : new MusicInstallResult(MusicInstallStatus.Updated, platform, version, $"replaced '{platform}' {replaced.Version} with {version}");
    }

    /// <summary>The version rule: null to install, otherwise why not. <paramref name="holder"/> holds the platform,
    /// <paramref name="sameCode"/> has identical code; <paramref name="requireNewer"/> is an update's wording.</summary>
    private static MusicInstallResult? Decide(MusicPluginRecord? holder, MusicPluginRecord? sameCode, bool requireNewer, string? version = null)
    {
        if (sameCode is not null)
            return new MusicInstallResult(requireNewer ? MusicInstallStatus.UpToDate : MusicInstallStatus.AlreadyInstalled, sameCode.Platform,
                sameCode.Version, $"'{sameCode.Platform}' {sameCode.Version} is already installed with identical code");
        if (holder is null) return null;
        if (holder.Kind == MusicSourceKind.CSharp)
            return new MusicInstallResult(MusicInstallStatus.Refused, holder.Platform, version,
                $"platform '{holder.Platform}' belongs to {MusicSourceCatalog.Describe(holder)}");
        if (SemVer.Compare(version, holder.Version) < 0)
            return new MusicInstallResult(requireNewer ? MusicInstallStatus.UpToDate : MusicInstallStatus.Refused, holder.Platform, version,
                $"'{holder.Platform}' {holder.Version} is installed and is newer than {version}; not replaced");
        return null;
    }

    /// <summary>The text at <paramref name="url"/>, or the failed result naming it (with <paramref name="platform"/> and
    /// <paramref name="version"/> when known).</summary>
    private async Task<(string? Text, MusicInstallResult? Failure)> DownloadAsync(string url, string? platform, string? version,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await BoundedDownload.GetTextAsync(http, url, options.MaxPluginBytes, options.CallTimeout, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or OperationCanceledException or ArgumentException)
        {
            return (null, new MusicInstallResult(MusicInstallStatus.Failed, platform, version, $"cannot download {url}: {e.Message}", url));
        }
    }
}

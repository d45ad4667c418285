using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Runtime;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Music;

namespace Plugin.Music.Management;

/// <summary>How an install or update ended.</summary>
public enum MusicInstallStatus { Installed, Updated, AlreadyInstalled, UpToDate, Refused, Failed }

public sealed record MusicInstallResult(MusicInstallStatus Status, string? Platform, string? Version, string Message, string? Url = null)
{
    public bool Succeeded => Status is MusicInstallStatus.Installed or MusicInstallStatus.Updated or MusicInstallStatus.AlreadyInstalled or MusicInstallStatus.UpToDate;
}

/// <summary>A C# source the host runs: registered through <c>AddMusicSource&lt;T&gt;()</c> or found as an IMusicSource service.</summary>
/// <param name="TypeName">The class's full name, for logs.</param>
/// <param name="Factory">Creates the instance (once, when the manager loads).</param>
/// <param name="Manifest">Its properties; null reads [MusicSource] by reflection.</param>
/// <param name="Functions">The seed functions it implements; null finds them by reflection (overridden defaults).</param>
public sealed record MusicSourceRegistration(string TypeName, Func<IServiceProvider, IMusicSource> Factory, MusicSourceManifest? Manifest = null,
    IReadOnlyList<string>? Functions = null);

/// <summary>One row of the plugin list.</summary>
public sealed record MusicPluginInfo(
    string Platform, string Kind, string Version, string? Author, string? Description, string? SrcUrl, bool Enabled,
    string? Sha256, string? InstalledFrom, IReadOnlyList<string> Functions, MusicSourceManifest? Manifest,
    IReadOnlyDictionary<string, string> Variables, DateTimeOffset? InstalledAt, DateTimeOffset? UpdatedAt, string? LoadError,
    string? Owner = null);

/// <summary>
/// Installs, updates and removes music sources the way MusicFree does: from a URL, pasted code or a local file,
/// or a subscription <c>{ "plugins": [{ "name", "url", "version" }] }</c>; one source per platform (a newer or equal
/// version replaces it, an older one is refused); identical code (SHA-256) is not installed twice; user variables,
/// enabled state and code persist in <see cref="MusicPluginStore"/>.
/// </summary>
public sealed class MusicPluginManager : IDisposable
{
    private readonly MusicSourceOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly MusicPluginStore _store;
    private readonly IServiceProvider? _services;
    private readonly IReadOnlyList<MusicSourceRegistration> _registrations;
    private readonly SemaphoreSlim _mutation = new(1, 1);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Records of plugin-owned C# sources that are not registered right now (plugin disabled, unloaded, or not loaded
    // yet at start-up): persisted with the others so variables and the enabled switch come back with the plugin.
    private readonly Dictionary<string, MusicPluginRecord> _dormant = new(StringComparer.Ordinal);
    private readonly object _entriesLock = new();
    private Task? _initialization;

    private sealed class Entry
    {
        public required MusicPluginRecord Record;
        public IMusicSourceRuntime? Runtime;
        public string? LoadError;
    }

    public MusicPluginManager(MusicSourceOptions options, HttpClient http, ILogger<MusicPluginManager>? logger = null,
        IEnumerable<MusicSourceRegistration>? registrations = null, IServiceProvider? services = null)
    {
        _options = options;
        _http = http;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _services = services;
        _registrations = registrations?.ToList() ?? [];
        _store = new MusicPluginStore(options.DataDir);
    }

    public MusicPluginStore Store => _store;

    /// <summary>Loads the saved plugins (once; every other member waits for it). A plugin that fails to load stays
    /// listed with its error and is skipped by calls and search.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Loading is shared by every caller, so one caller's cancelled request must not cancel it for all.
        Task task;
        lock (_entriesLock) task = _initialization ??= Task.Run(() => LoadAllAsync(CancellationToken.None));
        return task.WaitAsync(cancellationToken);
    }

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        var records = _store.Load();
        foreach (var registration in _registrations)
        {
            IMusicSource instance;
            try
            {
                instance = registration.Factory(_services ?? EmptyServices.Instance);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "C# music source {Type} could not be created", registration.TypeName);
                continue;
            }
            var runtime = new ClrMusicSource(instance, registration.Manifest, _options, registration.Functions);
            var record = records.FirstOrDefault(r => r.Platform == runtime.Manifest.Platform && r.Kind == "csharp")
                ?? new MusicPluginRecord { Platform = runtime.Manifest.Platform, Kind = "csharp", InstalledAt = DateTimeOffset.UtcNow };
            record.Version = runtime.Manifest.Version;
            if (_entries.ContainsKey(record.Platform))
            {
                _logger.LogError("Two C# music sources claim platform {Platform}; {Type} is ignored", record.Platform, registration.TypeName);
                continue;
            }
            _entries[record.Platform] = new Entry { Record = record, Runtime = runtime };
        }
        // Plugin-owned sources register later, when the host starts their plugin (AddClrSourceAsync).
        foreach (var record in records.Where(r => r.Kind == "csharp" && r.Owner is not null && !_entries.ContainsKey(r.Platform)))
            _dormant[record.Platform] = record;
        foreach (var record in records.Where(r => r.Kind == "javascript"))
        {
            var entry = new Entry { Record = record };
            if (_entries.ContainsKey(record.Platform))
            {
                entry.LoadError = $"platform '{record.Platform}' is taken by a C# source";
                continue;
            }
            _entries[record.Platform] = entry;
            try
            {
                var code = _store.ReadCode(record.Sha256 ?? "") ?? throw new FileNotFoundException($"code file of '{record.Platform}' is missing");
                entry.Runtime = await JsMusicSource.LoadAsync(code, record.Platform, _options, _http, _logger, record.Variables,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MusicPluginLoadException or FileNotFoundException or InvalidDataException)
            {
                entry.LoadError = e.Message;
                _logger.LogError("Music plugin {Platform} failed to load: {Error}", record.Platform, e.Message);
            }
        }
        Persist();
    }

    private void Persist() => _store.Save(_entries.Values.Select(e => e.Record).Concat(_dormant.Values).OrderBy(r => r.InstalledAt));

    public async Task<IReadOnlyList<MusicPluginInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        lock (_entriesLock) return _entries.Values.Select(Describe).ToList();
    }

    private static MusicPluginInfo Describe(Entry e)
    {
        var m = e.Runtime?.Manifest;
        return new MusicPluginInfo(e.Record.Platform, e.Record.Kind, m?.Version ?? e.Record.Version ?? "0.0.0", m?.Author, m?.Description,
            m?.SrcUrl, e.Record.Enabled, e.Record.Sha256, e.Record.InstalledFrom, e.Runtime?.Functions ?? [], m,
            e.Record.Variables, e.Record.InstalledAt, e.Record.UpdatedAt, e.LoadError, e.Record.Owner);
    }

    /// <summary>The loaded source for <paramref name="platform"/> with its state, or null when none is installed.</summary>
    public async Task<(IMusicSourceRuntime? Runtime, bool Enabled, IReadOnlyDictionary<string, string> Variables, string? LoadError)?> GetAsync(
        string platform, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        lock (_entriesLock)
            return _entries.TryGetValue(platform, out var e) ? (e.Runtime, e.Record.Enabled, new Dictionary<string, string>(e.Record.Variables), e.LoadError) : null;
    }

    /// <summary>Enabled, loaded sources with their variables (for search across sources).</summary>
    public async Task<IReadOnlyList<(IMusicSourceRuntime Runtime, IReadOnlyDictionary<string, string> Variables)>> EnabledAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        lock (_entriesLock)
            return _entries.Values.Where(e => e.Record.Enabled && e.Runtime is not null)
                .Select(e => (e.Runtime!, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(e.Record.Variables))).ToList();
    }

    /// <summary>Installs pasted code or a local file's text. <paramref name="installedFrom"/> is remembered for display.</summary>
    public async Task<MusicInstallResult> InstallCodeAsync(string code, string? installedFrom = null, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _mutation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await InstallLockedAsync(code, installedFrom, requireNewer: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _mutation.Release();
        }
    }

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
        string body;
        try
        {
            body = await DownloadAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException or ArgumentException)
        {
            return [new MusicInstallResult(MusicInstallStatus.Failed, null, null, $"cannot download {url}: {e.Message}", url)];
        }
        if (TryParseSubscription(body, out var subscription))
            return await InstallSubscriptionAsync(subscription!, cancellationToken).ConfigureAwait(false);
        return [await InstallCodeAsync(body, url, cancellationToken).ConfigureAwait(false) with { Url = url }];
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
            string code;
            try
            {
                code = await DownloadAsync(url, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException or ArgumentException)
            {
                results.Add(new MusicInstallResult(MusicInstallStatus.Failed, plugins[i]?["name"]?.ToString(), null, $"cannot download {url}: {e.Message}", url));
                continue;
            }
            results.Add(await InstallCodeAsync(code, url, cancellationToken).ConfigureAwait(false) with { Url = url });
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
        var current = await GetAsync(platform, cancellationToken).ConfigureAwait(false);
        if (current is null) return new MusicInstallResult(MusicInstallStatus.Failed, platform, null, $"no music source '{platform}' is installed");
        if (current.Value.Runtime is not JsMusicSource js)
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, null, $"'{platform}' is a C# source; update its package instead");
        if (string.IsNullOrWhiteSpace(js.Manifest.SrcUrl))
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, js.Manifest.Version, $"'{platform}' has no srcUrl to update from");
        string code;
        try
        {
            code = await DownloadAsync(js.Manifest.SrcUrl!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException or ArgumentException)
        {
            return new MusicInstallResult(MusicInstallStatus.Failed, platform, js.Manifest.Version, $"cannot download {js.Manifest.SrcUrl}: {e.Message}");
        }
        await _mutation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await InstallLockedAsync(code, js.Manifest.SrcUrl, requireNewer: true, cancellationToken, expectedPlatform: platform).ConfigureAwait(false);
        }
        finally
        {
            _mutation.Release();
        }
    }

    private async Task<MusicInstallResult> InstallLockedAsync(string code, string? installedFrom, bool requireNewer, CancellationToken cancellationToken,
        string? expectedPlatform = null)
    {
        var sha = JsMusicSource.ComputeSha256(code);
        lock (_entriesLock)
        {
            var same = _entries.Values.FirstOrDefault(e => e.Record.Sha256 == sha);
            if (same is not null)
                return new MusicInstallResult(requireNewer ? MusicInstallStatus.UpToDate : MusicInstallStatus.AlreadyInstalled, same.Record.Platform,
                    same.Record.Version, $"'{same.Record.Platform}' {same.Record.Version} is already installed with identical code");
        }
        // Evaluated without the user's variables: a plugin reading env at load time sees them on later loads.
        var variables = new Dictionary<string, string>();
        JsMusicSource loaded;
        try
        {
            loaded = await JsMusicSource.LoadAsync(code, installedFrom ?? "pasted code", _options, _http, _logger, variables, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MusicPluginLoadException e)
        {
            return new MusicInstallResult(MusicInstallStatus.Failed, null, null, e.Message);
        }
        var platform = loaded.Manifest.Platform;
        var version = loaded.Manifest.Version;
        if (expectedPlatform is not null && platform != expectedPlatform)
        {
            loaded.Dispose();
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, version,
                $"srcUrl of '{expectedPlatform}' serves a plugin for platform '{platform}'; not installed");
        }
        Entry? existing;
        lock (_entriesLock) _entries.TryGetValue(platform, out existing);
        if (existing is not null)
        {
            if (existing.Record.Kind == "csharp")
            {
                loaded.Dispose();
                return new MusicInstallResult(MusicInstallStatus.Refused, platform, version, $"platform '{platform}' belongs to {ClrHolder(existing.Record)}");
            }
            var comparison = SemVer.Compare(version, existing.Record.Version);
            if (comparison < 0)
            {
                loaded.Dispose();
                return new MusicInstallResult(requireNewer ? MusicInstallStatus.UpToDate : MusicInstallStatus.Refused, platform, version,
                    $"'{platform}' {existing.Record.Version} is installed and is newer than {version}; not replaced");
            }
        }

        _store.WriteCode(sha, code);
        var record = new MusicPluginRecord
        {
            Platform = platform,
            Kind = "javascript",
            Version = version,
            Sha256 = sha,
            InstalledFrom = installedFrom,
            // A replaced plugin keeps the user's variables and its enabled state.
            Enabled = existing?.Record.Enabled ?? true,
            Variables = existing?.Record.Variables ?? [],
            InstalledAt = existing?.Record.InstalledAt ?? DateTimeOffset.UtcNow,
            UpdatedAt = existing is null ? null : DateTimeOffset.UtcNow,
        };
        IMusicSourceRuntime? old;
        lock (_entriesLock)
        {
            old = existing?.Runtime;
            _entries[platform] = new Entry { Record = record, Runtime = loaded };
            Persist();
        }
        if (existing?.Record.Sha256 is { } oldSha && oldSha != sha) _store.DeleteCode(oldSha);
        old?.Dispose();
        _logger.LogInformation("Music plugin {Platform} {Version} {Action}", platform, version, existing is null ? "installed" : "replaced");
        return existing is null
            ? new MusicInstallResult(MusicInstallStatus.Installed, platform, version, $"installed '{platform}' {version}")
            : new MusicInstallResult(MusicInstallStatus.Updated, platform, version, $"replaced '{platform}' {existing.Record.Version} with {version}");
    }

    public async Task<MusicInstallResult> UninstallAsync(string platform, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _mutation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Entry? entry;
            lock (_entriesLock)
            {
                if (!_entries.TryGetValue(platform, out entry))
                    return new MusicInstallResult(MusicInstallStatus.Failed, platform, null, $"no music source '{platform}' is installed");
                if (entry.Record.Kind == "csharp")
                    return new MusicInstallResult(MusicInstallStatus.Refused, platform, entry.Record.Version,
                        $"'{platform}' is {ClrHolder(entry.Record)}; " + (entry.Record.Owner is null ? "disable it instead" : "disable or uninstall that plugin"));
                _entries.Remove(platform);
                Persist();
            }
            if (entry.Record.Sha256 is { } sha) _store.DeleteCode(sha);
            entry.Runtime?.Dispose();
            return new MusicInstallResult(MusicInstallStatus.Installed, platform, entry.Record.Version, $"uninstalled '{platform}'");
        }
        finally
        {
            _mutation.Release();
        }
    }

    /// <summary>
    /// Registers a C# source that a host plugin brought (its package's generated manifest), as kind "csharp" owned by
    /// <paramref name="owner"/>. One source per platform: when the platform is taken — by an installed JavaScript plugin,
    /// a source the host registered itself, or another plugin's source — the source is refused and the existing one kept
    /// (the message says which; the caller reports it on the plugin). The same owner registering the platform again
    /// replaces its earlier instance. Variables and the enabled switch saved for the platform under this owner return.
    /// </summary>
    public async Task<MusicInstallResult> AddClrSourceAsync(string owner, MusicSourceDescriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(descriptor);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _mutation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ClrMusicSource runtime;
            try
            {
                // Plugin code: a constructor or manifest that throws is the plugin's failure, reported, never the host's.
                runtime = new ClrMusicSource(descriptor.Create(), descriptor.Manifest(), _options, descriptor.Functions);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "C# music source {Type} of plugin {Owner} could not be created", descriptor.TypeName, owner);
                return new MusicInstallResult(MusicInstallStatus.Failed, null, null,
                    $"music source {descriptor.TypeName} of plugin {owner} could not be created: {e.GetType().Name}: {e.Message}");
            }
            var platform = runtime.Manifest.Platform;
            var version = runtime.Manifest.Version;
            if (string.IsNullOrWhiteSpace(platform))
            {
                runtime.Dispose();
                return new MusicInstallResult(MusicInstallStatus.Refused, platform, version, $"music source {descriptor.TypeName} of plugin {owner} has no platform name");
            }
            IMusicSourceRuntime? replaced = null;
            lock (_entriesLock)
            {
                if (_entries.TryGetValue(platform, out var existing))
                {
                    if (existing.Record.Kind != "csharp" || existing.Record.Owner != owner)
                    {
                        var holder = existing.Record.Kind == "javascript"
                            ? $"the installed JavaScript plugin '{platform}' {existing.Record.Version}"
                            : ClrHolder(existing.Record);
                        var message = $"music source '{platform}' ({descriptor.TypeName}) of plugin {owner} is not registered: the platform is taken by {holder} " +
                                      "(one source per platform; uninstall that one, or rename the platform, to use this one)";
                        _logger.LogWarning("{Message}", message);
                        runtime.Dispose();
                        return new MusicInstallResult(MusicInstallStatus.Refused, platform, version, message);
                    }
                    replaced = existing.Runtime;
                }
                // One record per platform: a record saved under another owner (a plugin that had this platform once and
                // is disabled now) is dropped, not inherited — its variables were meant for other code.
                var record = existing?.Record
                    ?? (_dormant.Remove(platform, out var saved) && saved.Owner == owner ? saved : null)
                    ?? new MusicPluginRecord { Platform = platform, Kind = "csharp", Owner = owner, InstalledAt = DateTimeOffset.UtcNow };
                if (record.Version is { } previous && previous != version) record.UpdatedAt = DateTimeOffset.UtcNow;
                record.Version = version;
                _entries[platform] = new Entry { Record = record, Runtime = runtime };
                Persist();
            }
            replaced?.Dispose();
            _logger.LogInformation("C# music source {Platform} {Version} of plugin {Owner} registered", platform, version, owner);
            return new MusicInstallResult(MusicInstallStatus.Installed, platform, version, $"registered '{platform}' {version} of plugin {owner}");
        }
        finally
        {
            _mutation.Release();
        }
    }

    /// <summary>
    /// Removes every C# source <paramref name="owner"/> registered (its plugin was disabled, stopped or unloaded) and
    /// disposes them, so nothing here keeps the plugin's types — and its collectible load context — alive. With
    /// <paramref name="forget"/> (uninstall) their saved records go too; otherwise they wait for the plugin's return.
    /// Returns the platforms removed.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveClrSourcesAsync(string owner, bool forget = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _mutation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<Entry> removed;
            lock (_entriesLock)
            {
                removed = _entries.Values.Where(e => e.Record.Kind == "csharp" && e.Record.Owner == owner).ToList();
                foreach (var entry in removed)
                {
                    _entries.Remove(entry.Record.Platform);
                    if (!forget) _dormant[entry.Record.Platform] = entry.Record;
                }
                var forgotten = forget ? _dormant.Values.Where(r => r.Owner == owner).Select(r => r.Platform).ToList() : [];
                foreach (var platform in forgotten) _dormant.Remove(platform);
                if (removed.Count > 0 || forgotten.Count > 0) Persist();
            }
            foreach (var entry in removed)
            {
                try { entry.Runtime?.Dispose(); }
                catch (Exception e) { _logger.LogWarning(e, "C# music source {Platform} of plugin {Owner} failed to dispose", entry.Record.Platform, owner); }
                entry.Runtime = null;
            }
            if (removed.Count > 0)
                _logger.LogInformation("C# music source(s) {Platforms} of plugin {Owner} removed", string.Join(", ", removed.Select(e => e.Record.Platform)), owner);
            return removed.Select(e => e.Record.Platform).ToList();
        }
        finally
        {
            _mutation.Release();
        }
    }

    /// <summary>Who a C# source's platform belongs to, as refusals name it.</summary>
    private static string ClrHolder(MusicPluginRecord record) =>
        record.Owner is { } owner ? $"the C# source of plugin {owner}" : "a C# source of this host";

    public Task<bool> SetEnabledAsync(string platform, bool enabled, CancellationToken cancellationToken = default) =>
        MutateAsync(platform, r => r.Enabled = enabled, cancellationToken);

    /// <summary>Replaces the user variables of a source. Keys the plugin does not declare are kept too (plugins read
    /// whatever env.getUserVariables() holds).</summary>
    public Task<bool> SetVariablesAsync(string platform, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken = default) =>
        MutateAsync(platform, r => r.Variables = new Dictionary<string, string>(variables), cancellationToken);

    private async Task<bool> MutateAsync(string platform, Action<MusicPluginRecord> change, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _mutation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_entriesLock)
            {
                if (!_entries.TryGetValue(platform, out var entry)) return false;
                change(entry.Record);
                Persist();
                return true;
            }
        }
        finally
        {
            _mutation.Release();
        }
    }

    private async Task<string> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{url}' is not an http(s) URL");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.CallTimeout);
        using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        if (response.Content.Headers.ContentLength > _options.MaxPluginBytes)
            throw new InvalidDataException($"larger than {_options.MaxPluginBytes} bytes");
        var bytes = await response.Content.ReadAsByteArrayAsync(cts.Token).ConfigureAwait(false);
        if (bytes.Length > _options.MaxPluginBytes) throw new InvalidDataException($"larger than {_options.MaxPluginBytes} bytes");
        return System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
    }

    public void Dispose()
    {
        lock (_entriesLock)
            foreach (var entry in _entries.Values) entry.Runtime?.Dispose();
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}

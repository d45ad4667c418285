using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Runtime;

namespace Plugin.Music.Management;

/// <summary>
/// Every music source the engine knows, by platform: its saved record and, while it runs, its loaded source. One
/// source answers for a platform (the holder). Records that hold no platform are kept as well, so nothing the user set
/// up is lost: a JavaScript plugin whose platform a C# source took (listed with that as its load error) and a C# source
/// whose owner has not registered it (not listed, there is nothing to call; its variables and enabled switch wait for
/// it). All state sits behind one lock, and every change is saved through <see cref="MusicPluginStore"/> before the
/// lock is released. Installing is <see cref="JsPluginInstaller"/>'s job, C# sources of host plugins
/// <see cref="MusicSourceRegistrar"/>'s.
/// </summary>
public sealed class MusicSourceCatalog : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, MusicSourceEntry> _holders = new(StringComparer.Ordinal);
    private readonly List<MusicSourceEntry> _kept = [];
    private readonly MusicSourceOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly IServiceProvider? _services;
    private readonly IReadOnlyList<MusicSourceRegistration> _registrations;
    private Task? _initialization;

    public MusicSourceCatalog(MusicSourceOptions options, HttpClient http, ILogger<MusicSourceCatalog>? logger = null,
        IEnumerable<MusicSourceRegistration>? registrations = null, IServiceProvider? services = null, IMusicPluginRecordStore? recordStore = null)
    {
        _options = options;
        _http = http;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _services = services;
        _registrations = registrations?.ToList() ?? [];
        Store = new MusicPluginStore(options.DataDir, recordStore);
    }

    public MusicPluginStore Store { get; }

    /// <summary>Loads the saved sources and the host's own C# sources (once; every other member waits for it). A plugin
    /// that fails to load stays listed with its error and is skipped by calls and search.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Loading is shared by every caller, so one caller's cancelled request must not cancel it for all.
        Task task;
        lock (_lock) task = _initialization ??= Task.Run(LoadAllAsync);
        return task.WaitAsync(cancellationToken);
    }

    private async Task LoadAllAsync()
    {
        var (holders, kept) = await MusicCatalogLoader.LoadAsync(Store, _registrations, _services, _options, _http, _logger).ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var entry in holders) _holders[entry.Record.Platform] = entry;
            _kept.AddRange(kept);
            Persist();
        }
    }

    /// <summary>Who holds a platform, as refusals and load errors name it.</summary>
    internal static string Describe(MusicPluginRecord record) => record switch
    {
        { Kind: MusicSourceKind.JavaScript } => $"the installed JavaScript plugin '{record.Platform}' {record.Version}",
        { Owner: { } owner } => $"the C# source of plugin {owner}",
        _ => "a C# source of this host",
    };

    /// <summary>Saves every record; called with the lock held, so saves happen in the order of the changes.</summary>
    private void Persist() => Store.Save(_holders.Values.Concat(_kept).Select(e => e.Record).OrderBy(r => r.InstalledAt));

    /// <summary>Every holder, then the JavaScript plugins that hold no platform (each with its load error).</summary>
    public async Task<IReadOnlyList<MusicPluginInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
            return _holders.Values.Concat(_kept.Where(e => e.Record.Kind == MusicSourceKind.JavaScript)).Select(Info).ToList();
    }

    private static MusicPluginInfo Info(MusicSourceEntry e)
    {
        var m = e.Runtime?.Manifest;
        return new MusicPluginInfo(e.Record.Platform, e.Record.Kind, m?.Version ?? e.Record.Version ?? "0.0.0", m?.Author, m?.Description,
            m?.SrcUrl, e.Record.Enabled, e.Record.Sha256, e.Record.InstalledFrom, e.Runtime?.Functions ?? [], m,
            e.Record.Variables, e.Record.InstalledAt, e.Record.UpdatedAt, e.LoadError, e.Record.Owner);
    }

    /// <summary>The source answering for <paramref name="platform"/>, or null when none does.</summary>
    public async Task<MusicSourceState?> GetAsync(string platform, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
            return _holders.TryGetValue(platform, out var e)
                ? new MusicSourceState(e.Runtime, e.Record.Enabled, new Dictionary<string, string>(e.Record.Variables), e.LoadError)
                : null;
    }

    /// <summary>Enabled, loaded sources with their variables (for search across sources).</summary>
    public async Task<IReadOnlyList<(IMusicSourceRuntime Runtime, IReadOnlyDictionary<string, string> Variables)>> EnabledAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
            return _holders.Values.Where(e => e.Record.Enabled && e.Runtime is not null)
                .Select(e => (e.Runtime!, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(e.Record.Variables))).ToList();
    }

    public Task<bool> SetEnabledAsync(string platform, bool enabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(platform, r => r.Enabled = enabled, cancellationToken);

    /// <summary>Replaces the user variables of a source. Keys the plugin does not declare are kept too (plugins read
    /// whatever env.getUserVariables() holds).</summary>
    public Task<bool> SetVariablesAsync(string platform, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken = default) =>
        ChangeAsync(platform, r => r.Variables = new Dictionary<string, string>(variables), cancellationToken);

    private async Task<bool> ChangeAsync(string platform, Action<MusicPluginRecord> change, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (!_holders.TryGetValue(platform, out var entry)) return false;
            change(entry.Record);
            Persist();
            return true;
        }
    }

    /// <summary>
    /// Uninstalls the JavaScript plugin of <paramref name="platform"/>: the one holding it or, when a C# source holds
    /// it, the one kept behind that source. C# sources are refused: their host or plugin decides when they go.
    /// </summary>
    public async Task<MusicInstallResult> UninstallAsync(string platform, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        MusicSourceEntry? entry;
        lock (_lock)
        {
            _holders.TryGetValue(platform, out var holder);
            entry = _kept.FirstOrDefault(e => e.Record.Platform == platform && e.Record.Kind == MusicSourceKind.JavaScript)
                ?? (holder?.Record.Kind == MusicSourceKind.JavaScript ? holder : null);
            if (entry is null)
            {
                return holder is null
                    ? new MusicInstallResult(MusicInstallStatus.Failed, platform, null, $"no music source '{platform}' is installed")
                    : new MusicInstallResult(MusicInstallStatus.Refused, platform, holder.Record.Version,
                        $"'{platform}' is {Describe(holder.Record)}; " + (holder.Record.Owner is null ? "disable it instead" : "disable or uninstall that plugin"));
            }
            if (!_kept.Remove(entry)) _holders.Remove(platform);
            Persist();
            if (entry.Record.Sha256 is { } sha) Store.DeleteCode(sha);
        }
        entry.Runtime?.Dispose();
        return new MusicInstallResult(MusicInstallStatus.Installed, platform, entry.Record.Version, $"uninstalled '{platform}'");
    }

    /// <summary>
    /// Puts a loaded JavaScript plugin into its platform. <paramref name="decide"/> runs under the lock with the
    /// platform's holder and the record with identical code (each null when there is none) and returns a refusal, or
    /// null to go ahead; so two installs racing cannot both pass the version rule. The code is written before the
    /// record that points at it; a replaced plugin keeps the user's variables and enabled switch, and its code file
    /// and engine go. Returns the refusal, or null with <paramref name="replaced"/> set to the record it replaced.
    /// </summary>
    internal MusicInstallResult? CommitJavaScript(JsMusicSource loaded, string code, string? installedFrom,
        Func<MusicPluginRecord?, MusicPluginRecord?, MusicInstallResult?> decide, out MusicPluginRecord? replaced)
    {
        var platform = loaded.Manifest.Platform;
        MusicSourceEntry? existing;
        lock (_lock)
        {
            _holders.TryGetValue(platform, out existing);
            var same = _holders.Values.Concat(_kept).FirstOrDefault(e => e.Record.Sha256 == loaded.Sha256);
            replaced = existing?.Record;
            if (decide(existing?.Record, same?.Record) is { } refusal) return refusal;
            Store.WriteCode(loaded.Sha256, code);
            _holders[platform] = new MusicSourceEntry
            {
                Record = new MusicPluginRecord
                {
                    Platform = platform,
                    Kind = MusicSourceKind.JavaScript,
                    Version = loaded.Manifest.Version,
                    Sha256 = loaded.Sha256,
                    InstalledFrom = installedFrom,
                    Enabled = existing?.Record.Enabled ?? true,
                    Variables = existing?.Record.Variables ?? [],
                    InstalledAt = existing?.Record.InstalledAt ?? DateTimeOffset.UtcNow,
                    UpdatedAt = existing is null ? null : DateTimeOffset.UtcNow,
                },
                Runtime = loaded,
            };
            Persist();
            if (existing?.Record.Sha256 is { } oldSha && oldSha != loaded.Sha256) Store.DeleteCode(oldSha);
        }
        existing?.Runtime?.Dispose();
        return null;
    }

    /// <summary>The record saved for sources with identical code, if any (an early check before loading the code).</summary>
    internal MusicPluginRecord? FindByCode(string sha256)
    {
        lock (_lock) return _holders.Values.Concat(_kept).FirstOrDefault(e => e.Record.Sha256 == sha256)?.Record;
    }

    /// <summary>
    /// Puts a C# source into its platform under <paramref name="owner"/>, unless another source holds it: then returns
    /// the holder (as <see cref="Describe"/> names it) and changes nothing. The same owner registering the platform
    /// again replaces its own instance. The record kept for the platform comes back when it was kept under this owner;
    /// one kept under another owner is dropped, its variables were meant for other code.
    /// </summary>
    internal string? TryRegisterClr(string owner, ClrMusicSource runtime)
    {
        var platform = runtime.Manifest.Platform;
        MusicSourceEntry? existing;
        lock (_lock)
        {
            _holders.TryGetValue(platform, out existing);
            if (existing is not null && (existing.Record.Kind != MusicSourceKind.CSharp || existing.Record.Owner != owner))
                return Describe(existing.Record);
            var kept = _kept.FirstOrDefault(e => e.Record.Platform == platform && e.Record.Kind == MusicSourceKind.CSharp);
            if (kept is not null) _kept.Remove(kept);
            var record = existing?.Record ?? (kept?.Record.Owner == owner ? kept.Record : null)
                ?? new MusicPluginRecord { Platform = platform, Kind = MusicSourceKind.CSharp, Owner = owner, InstalledAt = DateTimeOffset.UtcNow };
            if (record.Version is { } previous && previous != runtime.Manifest.Version) record.UpdatedAt = DateTimeOffset.UtcNow;
            record.Version = runtime.Manifest.Version;
            _holders[platform] = new MusicSourceEntry { Record = record, Runtime = runtime };
            Persist();
        }
        existing?.Runtime?.Dispose();
        return null;
    }

    /// <summary>Takes every C# source of <paramref name="owner"/> out of its platform, keeping its record, or with
    /// <paramref name="forget"/> deleting it and every record kept for the owner. The caller disposes the sources returned.</summary>
    internal IReadOnlyList<(string Platform, IMusicSourceRuntime? Runtime)> UnregisterClr(string owner, bool forget)
    {
        lock (_lock)
        {
            var removed = _holders.Values.Where(e => e.Record.Kind == MusicSourceKind.CSharp && e.Record.Owner == owner).ToList();
            foreach (var entry in removed)
            {
                _holders.Remove(entry.Record.Platform);
                if (!forget) _kept.Add(new MusicSourceEntry { Record = entry.Record });
            }
            var forgotten = forget ? _kept.RemoveAll(e => e.Record.Kind == MusicSourceKind.CSharp && e.Record.Owner == owner) : 0;
            if (removed.Count > 0 || forgotten > 0) Persist();
            return removed.Select(e => (e.Record.Platform, e.Runtime)).ToList();
        }
    }

    public void Dispose()
    {
        lock (_lock)
            foreach (var entry in _holders.Values) entry.Runtime?.Dispose();
    }
}

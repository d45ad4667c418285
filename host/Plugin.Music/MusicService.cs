using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Plugin.Music.Management;
using Plugin.Music.Runtime;
using Plugin.Sdk.Music;

namespace Plugin.Music;

public enum MusicCallStatus { Ok, Unsupported, NotFound, Disabled, BadRequest, Failed, TimedOut, LimitExceeded }

/// <summary>The outcome of one call: data on success, otherwise a message saying what and where.</summary>
public sealed record MusicCallResult(MusicCallStatus Status, JsonNode? Data, string? Message = null)
{
    public bool Succeeded => Status == MusicCallStatus.Ok;
}

/// <summary>One source's part of a search across sources; a failing source is an entry with its error.</summary>
public sealed record MusicSearchEntry(string Platform, bool Success, bool? IsEnd, JsonArray? Data, string? Error, bool Unsupported = false,
    bool TimedOut = false);

/// <summary>
/// Calls music sources with the app's semantics on top of the raw plugin functions: <c>platform</c> stamped on
/// every returned item, <c>isEnd</c> defaulting to true, supportedSearchType honoured, getMediaSource with quality
/// fallback and the plugin's cacheControl (items identified by its primaryKey), and optional functions reported as
/// unsupported rather than as errors.
/// </summary>
public sealed class MusicService(MusicSourceCatalog catalog, MusicSourceOptions options)
{
    private readonly ConcurrentDictionary<string, (JsonNode Source, long Stamp)> _mediaCache = new();
    private long _stamp;
    // Bounds the sources searched at once across all searches (each takes a thread-pool thread while it computes).
    private readonly SemaphoreSlim _searchSlots = new(Math.Max(1, options.SearchConcurrency));

    public MusicSourceCatalog Catalog => catalog;

    public async Task<MusicCallResult> CallAsync(string platform, string function, JsonArray arguments, CancellationToken cancellationToken = default)
    {
        if (!MusicFunctions.All.Contains(function))
            return new(MusicCallStatus.BadRequest, null, $"'{function}' is not a MusicFree plugin function ({string.Join(", ", MusicFunctions.All)})");
        var found = await catalog.GetAsync(platform, cancellationToken).ConfigureAwait(false);
        if (found is null) return new(MusicCallStatus.NotFound, null, $"no music source '{platform}' is installed");
        var (runtime, enabled, variables, loadError) = found;
        if (runtime is null) return new(MusicCallStatus.Failed, null, $"music source '{platform}' failed to load: {loadError}");
        if (!enabled) return new(MusicCallStatus.Disabled, null, $"music source '{platform}' is disabled");
        return await CallRuntimeAsync(runtime, variables, function, arguments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same semantics for a runtime the caller holds (the CLI, tests).</summary>
    public async Task<MusicCallResult> CallRuntimeAsync(IMusicSourceRuntime runtime, IReadOnlyDictionary<string, string> variables, string function,
        JsonArray arguments, CancellationToken cancellationToken = default)
    {
        // Every call into a source passes here (single calls, each source of a search): one span and one measurement.
        var activity = MusicTelemetry.Start(runtime, function);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var status = MusicCallStatus.Failed;
        try
        {
            var result = await CallRuntimeCoreAsync(runtime, variables, function, arguments, cancellationToken).ConfigureAwait(false);
            status = result.Status;
            return result;
        }
        catch (OperationCanceledException)
        {
            // Given up by a search's time limit or by the caller: the source did not answer in time.
            status = MusicCallStatus.TimedOut;
            throw;
        }
        finally
        {
            MusicTelemetry.Record(runtime, function, activity, System.Diagnostics.Stopwatch.GetElapsedTime(started), status);
        }
    }

    private async Task<MusicCallResult> CallRuntimeCoreAsync(IMusicSourceRuntime runtime, IReadOnlyDictionary<string, string> variables, string function,
        JsonArray arguments, CancellationToken cancellationToken)
    {
        try
        {
            if (function == MusicFunctions.Search && arguments.Count > 2 && arguments[2]?.ToString() is { } searched
                && !MusicNames.TryParseSearchType(searched, out _))
                return new(MusicCallStatus.BadRequest, null, $"unknown search type '{searched}' (music, album, artist, sheet, lyric)");
            if (function == MusicFunctions.Search && arguments.Count > 2 && arguments[2]?.ToString() is { } type
                && runtime.Manifest.SupportedSearchType is { } supported && !supported.Any(t => t.ToWire() == type))
                return new(MusicCallStatus.Unsupported, null, $"'{runtime.Manifest.Platform}' does not search type '{type}' (supportedSearchType: {string.Join(", ", supported.Select(t => t.ToWire()))})");
            if (function == MusicFunctions.GetMediaSource)
                return await GetMediaSourceAsync(runtime, variables, arguments, cancellationToken).ConfigureAwait(false);
            var result = await runtime.InvokeAsync(function, CloneArray(arguments), variables, cancellationToken).ConfigureAwait(false);
            return new(MusicCallStatus.Ok, Normalize(function, result, runtime.Manifest.Platform));
        }
        catch (MusicFunctionNotSupportedException)
        {
            return new(MusicCallStatus.Unsupported, null, $"'{runtime.Manifest.Platform}' does not implement {function}");
        }
        catch (MusicPluginLimitException e)
        {
            return new(e.TimedOut ? MusicCallStatus.TimedOut : MusicCallStatus.LimitExceeded, null, e.Message);
        }
        catch (MusicPluginException e)
        {
            return new(MusicCallStatus.Failed, null, e.Message);
        }
    }

    /// <summary>
    /// Searches every enabled source that has search (and the type) in parallel: each call runs on the thread pool (a
    /// JavaScript source computes synchronously until its first await, so calling it on the request thread would run the
    /// sources one after another), at most <see cref="MusicSourceOptions.SearchConcurrency"/> at a time, and the search
    /// waits at most <see cref="MusicSourceOptions.SearchTimeout"/> in all: what arrived is returned, the late sources are
    /// entries with <c>timedOut</c> and their calls are given up.
    /// </summary>
    public async Task<IReadOnlyList<MusicSearchEntry>> SearchAllAsync(string query, string type, int page, CancellationToken cancellationToken = default)
    {
        var sources = (await catalog.EnabledAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s.Runtime.Functions.Contains(MusicFunctions.Search))
            .Where(s => s.Runtime.Manifest.SupportedSearchType is not { } supported || supported.Any(t => t.ToWire() == type))
            .ToList();
        var limit = options.SearchTimeout ?? options.CallTimeout;
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = sources.Select(s => Task.Run(() => SearchOneAsync(s.Runtime, s.Variables, query, page, type, giveUp.Token), CancellationToken.None)).ToArray();
        var all = Task.WhenAll(tasks);
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await Task.WhenAny(all, Task.Delay(limit, timer.Token)).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        // Which sources answered in time is decided before the late ones are given up (they then end with "given up").
        var answered = tasks.Select(t => t.IsCompletedSuccessfully).ToArray();
        if (!all.IsCompleted) await giveUp.CancelAsync().ConfigureAwait(false);
        return tasks.Select((t, i) => answered[i]
                ? t.Result
                : new MusicSearchEntry(sources[i].Runtime.Manifest.Platform, false, null, null,
                    $"no answer within the search's time limit of {limit.TotalSeconds:0.#} s", TimedOut: true))
            .ToList();
    }

    private async Task<MusicSearchEntry> SearchOneAsync(IMusicSourceRuntime runtime, IReadOnlyDictionary<string, string> variables,
        string query, int page, string type, CancellationToken cancellationToken)
    {
        var platform = runtime.Manifest.Platform;
        try
        {
            await _searchSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Given up before its turn came: the search has already listed it as late.
            return new MusicSearchEntry(platform, false, null, null, "given up", TimedOut: true);
        }
        try
        {
            var result = await CallRuntimeAsync(runtime, variables, MusicFunctions.Search, [query, page, type], cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
                return new MusicSearchEntry(platform, false, null, null, result.Message, result.Status == MusicCallStatus.Unsupported,
                    result.Status == MusicCallStatus.TimedOut);
            var data = result.Data as JsonObject;
            return new MusicSearchEntry(platform, true, data?["isEnd"]?.GetValue<bool>() ?? true, data?["data"] as JsonArray ?? [], null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Given up by the search (its time limit) or its caller; observed here so no task faults unobserved.
            return new MusicSearchEntry(platform, false, null, null, "given up", TimedOut: true);
        }
        finally
        {
            _searchSlots.Release();
        }
    }

    /// <summary>The order low &lt; standard &lt; high &lt; super, tried nearest first from <paramref name="wanted"/>.</summary>
    public static IReadOnlyList<MusicQuality> FallbackOrder(MusicQuality wanted, bool preferHigher = true)
    {
        return Enum.GetValues<MusicQuality>()
            .OrderBy(q => Math.Abs((int)q - (int)wanted))
            .ThenBy(q => preferHigher ? -(int)q : (int)q)
            .ToList();
    }

    private async Task<MusicCallResult> GetMediaSourceAsync(IMusicSourceRuntime runtime, IReadOnlyDictionary<string, string> variables, JsonArray arguments,
        CancellationToken cancellationToken)
    {
        if (arguments.Count == 0 || arguments[0] is not JsonObject item)
            return new(MusicCallStatus.BadRequest, null, "getMediaSource expects [musicItem, quality?]: argument 1 must be a music item object");
        var qualityText = arguments.Count > 1 ? arguments[1]?.ToString() : null;
        if (qualityText is not null && !MusicNames.TryParseQuality(qualityText, out _))
            return new(MusicCallStatus.BadRequest, null, $"argument 2: unknown quality '{qualityText}' (low, standard, high, super)");
        MusicNames.TryParseQuality(qualityText ?? "standard", out var wanted);
        var manifest = runtime.Manifest;

        // The seed: without getMediaSource the item's own url is the source.
        if (!runtime.Functions.Contains(MusicFunctions.GetMediaSource))
        {
            return item["url"]?.ToString() is { Length: > 0 } url
                ? new(MusicCallStatus.Ok, new JsonObject { ["url"] = url, ["quality"] = wanted.ToWire() })
                : new(MusicCallStatus.Unsupported, null, $"'{manifest.Platform}' does not implement getMediaSource and the item has no url");
        }

        var key = CacheKey(manifest, item);
        Exception? lastError = null;
        foreach (var quality in FallbackOrder(wanted, options.PreferHigherQuality))
        {
            var cacheKey = key + "\n" + quality.ToWire();
            if (manifest.CacheControl == CacheControl.Cache && _mediaCache.TryGetValue(cacheKey, out var hit))
                return new(MusicCallStatus.Ok, hit.Source.DeepClone());
            try
            {
                var result = await runtime.InvokeAsync(MusicFunctions.GetMediaSource, [item.DeepClone(), quality.ToWire()], variables, cancellationToken).ConfigureAwait(false);
                if (result is JsonObject source && source["url"]?.ToString() is { Length: > 0 })
                {
                    source["quality"] = quality.ToWire();
                    if (manifest.CacheControl != CacheControl.NoStore) Remember(cacheKey, source);
                    return new(MusicCallStatus.Ok, source);
                }
            }
            catch (MusicPluginException e)
            {
                // no-cache: a cached source is still good when the plugin cannot answer (offline, site down).
                if (manifest.CacheControl == CacheControl.NoCache && _mediaCache.TryGetValue(cacheKey, out var stale))
                    return new(MusicCallStatus.Ok, stale.Source.DeepClone());
                lastError = e;
            }
        }
        return lastError is null
            ? new(MusicCallStatus.Failed, null, $"'{manifest.Platform}' has no source for this item in any quality")
            : new(lastError is MusicPluginLimitException limit ? (limit.TimedOut ? MusicCallStatus.TimedOut : MusicCallStatus.LimitExceeded) : MusicCallStatus.Failed,
                null, lastError.Message);
    }

    /// <summary>An item is identified by platform plus the values of the plugin's primaryKey fields.</summary>
    public static string CacheKey(MusicSourceManifest manifest, JsonObject item) =>
        manifest.Platform + "\n" + string.Join("\n", manifest.PrimaryKey.Select(k => item[k]?.ToJsonString() ?? "undefined"));

    private void Remember(string key, JsonObject source)
    {
        _mediaCache[key] = (source.DeepClone(), Interlocked.Increment(ref _stamp));
        if (_mediaCache.Count > options.MediaSourceCacheSize)
            foreach (var old in _mediaCache.OrderBy(e => e.Value.Stamp).Take(_mediaCache.Count - options.MediaSourceCacheSize).ToList())
                _mediaCache.TryRemove(old.Key, out _);
    }

    private static JsonArray CloneArray(JsonArray arguments) => (JsonArray)arguments.DeepClone();

    /// <summary>Stamps platform on returned items and fills the seed's default isEnd = true.</summary>
    internal static JsonNode? Normalize(string function, JsonNode? result, string platform)
    {
        void Stamp(JsonNode? node)
        {
            if (node is JsonArray array)
                foreach (var element in array)
                    if (element is JsonObject o) o["platform"] = platform;
        }
        switch (function)
        {
            case MusicFunctions.Search or MusicFunctions.GetArtistWorks or MusicFunctions.GetRecommendSheetsByTag when result is JsonObject o:
                Stamp(o["data"]);
                o["isEnd"] ??= true;
                break;
            case MusicFunctions.GetAlbumInfo or MusicFunctions.GetMusicSheetInfo or MusicFunctions.GetTopListDetail when result is JsonObject o:
                Stamp(o["musicList"]);
                o["isEnd"] ??= true;
                break;
            case MusicFunctions.GetTopLists when result is JsonArray groups:
                foreach (var group in groups) Stamp(group?["data"]);
                break;
            case MusicFunctions.ImportMusicSheet:
                Stamp(result);
                break;
            case MusicFunctions.ImportMusicItem when result is JsonObject o:
                o["platform"] = platform;
                break;
        }
        return result;
    }
}

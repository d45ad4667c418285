using Microsoft.Extensions.Logging;
using Plugin.Music.Runtime;

namespace Plugin.Music.Management;

/// <summary>A platform's record in the catalog and, while it runs, its loaded source (null after a failed load, with the reason).</summary>
internal sealed class MusicSourceEntry
{
    public required MusicPluginRecord Record;
    public IMusicSourceRuntime? Runtime;
    public string? LoadError;
}

/// <summary>
/// Builds the catalog's start-up state from <c>plugins.json</c> and the host's own C# sources. The host's sources are
/// placed first, so they win their platforms; then the saved JavaScript plugins load, one by one.
/// </summary>
internal static class MusicCatalogLoader
{
    /// <returns>The holders (one per platform) and the records that hold no platform.</returns>
    public static async Task<(List<MusicSourceEntry> Holders, List<MusicSourceEntry> Kept)> LoadAsync(MusicPluginStore store,
        IReadOnlyList<MusicSourceRegistration> registrations, IServiceProvider? services, MusicSourceOptions options, HttpClient http, ILogger logger)
    {
        var records = store.Load();
        var holders = new Dictionary<string, MusicSourceEntry>(StringComparer.Ordinal);
        var kept = new List<MusicSourceEntry>();
        foreach (var runtime in MusicSourceRegistrar.CreateHostSources(registrations, services, options, logger))
        {
            var platform = runtime.Manifest.Platform;
            if (holders.ContainsKey(platform))
            {
                logger.LogError("Two C# music sources claim platform {Platform}; {Type} is ignored", platform, runtime.Source.GetType().FullName);
                runtime.Dispose();
                continue;
            }
            var record = records.FirstOrDefault(r => r.Platform == platform && r.Kind == MusicSourceKind.CSharp && r.Owner is null)
                ?? new MusicPluginRecord { Platform = platform, Kind = MusicSourceKind.CSharp, InstalledAt = DateTimeOffset.UtcNow };
            records.Remove(record);
            record.Version = runtime.Manifest.Version;
            holders[platform] = new MusicSourceEntry { Record = record, Runtime = runtime };
        }
        // Owned C# sources come back when their owner registers them again (MusicSourceRegistrar); a host source no
        // longer registered has left with its code, and so does its record.
        kept.AddRange(records.Where(r => r.Kind == MusicSourceKind.CSharp && r.Owner is not null).Select(r => new MusicSourceEntry { Record = r }));
        foreach (var record in records.Where(r => r.Kind == MusicSourceKind.JavaScript))
        {
            var entry = new MusicSourceEntry { Record = record };
            if (holders.TryGetValue(record.Platform, out var holder))
            {
                // Kept, not dropped: the next save would otherwise lose the user's plugin and orphan its code file.
                entry.LoadError = $"platform '{record.Platform}' is taken by {MusicSourceCatalog.Describe(holder.Record)}";
                kept.Add(entry);
                logger.LogError("Music plugin {Platform} is not loaded: {Error}", record.Platform, entry.LoadError);
                continue;
            }
            holders[record.Platform] = entry;
            try
            {
                var code = store.ReadCode(record.Sha256 ?? "") ?? throw new FileNotFoundException($"code file of '{record.Platform}' is missing");
                entry.Runtime = await JsMusicSource.LoadAsync(code, record.Platform, options, http, logger, record.Variables).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MusicPluginLoadException or FileNotFoundException or InvalidDataException)
            {
                entry.LoadError = e.Message;
                logger.LogError("Music plugin {Platform} failed to load: {Error}", record.Platform, e.Message);
            }
        }
        return (holders.Values.ToList(), kept);
    }
}

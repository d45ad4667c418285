using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// The worker's cache: plugins' cached values stay in their worker (they may be instances of the plugin's types, and a
/// round trip per cache read would cost more than the value). One HybridCache per worker process, used through the
/// host's own <see cref="Storage.HybridPluginCache"/>, so keys, regions, tags and the time-to-live rules are the host's.
/// </summary>
internal static class WorkerCache
{
    private static readonly Lock Gate = new();
    private static HybridCache? _cache;

    public static HybridCache Get(int maxKeyLength)
    {
        lock (Gate)
        {
            if (_cache is null)
            {
                var services = new ServiceCollection();
                services.AddHybridCache(o => o.MaximumKeyLength = maxKeyLength);
                _cache = services.BuildServiceProvider().GetRequiredService<HybridCache>();
            }
            return _cache;
        }
    }
}

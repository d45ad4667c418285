using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Storage;

namespace Plugin.Host.Tests;

/// <summary>
/// The plugin cache (<c>Context.Cache</c>) on the host's HybridCache: whatever region and key a plugin passes, a second
/// get within the TTL is answered from the cache without calling the factory, and distinct (region, key) pairs never
/// share an entry. HybridCache refuses keys with control characters or over its length limit by silently not caching,
/// so every key shape a plugin can send is tried here.
/// </summary>
public sealed class PluginCacheTests
{
    public static TheoryData<string, string> KeyShapes => new()
    {
        { "dashboard", "overview" },
        { "", "" },
        { "region with spaces", "key/with/slashes?and=query&x=1" },
        { "区域", "键：中文" },
        { "a\u001fb", "c\u001fd" },
        { "tabs\tand\nnewlines", "nul\0char" },
        { "colon:region", "percent%key" },
        { "long", new string('k', 5000) },
        { "lone\ud800surrogate", "x\udc00" },
    };

    [Theory]
    [MemberData(nameof(KeyShapes))]
    public async Task A_second_get_within_the_ttl_does_not_call_the_factory(string region, string key)
    {
        var cache = NewCache("Plugin1");
        var calls = 0;
        ValueTask<string> Factory(CancellationToken _) => ValueTask.FromResult("value " + ++calls);

        var first = await cache.GetOrCreateAsync(region, key, Factory, TimeSpan.FromMinutes(5));
        var second = await cache.GetOrCreateAsync(region, key, Factory, TimeSpan.FromMinutes(5));

        Assert.Equal("value 1", first);
        Assert.Equal("value 1", second);
        Assert.Equal(1, calls);
        var (found, value) = await cache.TryGetAsync<string>(region, key);
        Assert.True(found);
        Assert.Equal("value 1", value);
    }

    [Fact]
    public async Task Distinct_regions_keys_and_plugins_never_share_an_entry()
    {
        var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        var hybrid = services.GetRequiredService<HybridCache>();
        var pairs = new (string Plugin, string Region, string Key)[]
        {
            ("P", "a:b", "c"), ("P", "a", "b:c"), ("P", "a\u001fb", "c"), ("P", "a", "b\u001fc"), ("P", "a%3Ab", "c"),
            ("Q", "a:b", "c"), ("P", "x", new string('k', 5000)), ("P", "x", new string('k', 4999) + "j"),
        };
        for (var i = 0; i < pairs.Length; i++)
            await new HybridPluginCache(hybrid, pairs[i].Plugin).SetAsync(pairs[i].Region, pairs[i].Key, i);
        for (var i = 0; i < pairs.Length; i++)
        {
            var (found, value) = await new HybridPluginCache(hybrid, pairs[i].Plugin).TryGetAsync<int>(pairs[i].Region, pairs[i].Key);
            Assert.True(found, $"pair {i} was not cached");
            Assert.Equal(i, value);
        }
    }

    [Fact]
    public async Task Clearing_a_region_with_any_name_drops_its_entries_only()
    {
        var cache = NewCache("Plugin1");
        await cache.SetAsync("区域\u001f1", "k", "one");
        await cache.SetAsync("other", "k", "two");
        await cache.ClearRegionAsync("区域\u001f1");
        Assert.False((await cache.TryGetAsync<string>("区域\u001f1", "k")).Found);
        Assert.Equal("two", (await cache.TryGetAsync<string>("other", "k")).Value);
    }

    [Fact]
    public async Task A_long_key_of_a_plugin_with_a_long_id_fits_a_small_configured_key_limit()
    {
        var hybrid = new ServiceCollection().AddHybridCache(o => o.MaximumKeyLength = 100).Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var cache = new HybridPluginCache(hybrid, new string('P', 80), maxKeyLength: 100);
        var calls = 0;
        for (var i = 0; i < 2; i++)
            await cache.GetOrCreateAsync("region", new string('k', 500), _ => ValueTask.FromResult(++calls));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Null_names_and_non_positive_ttls_are_refused_as_in_the_test_kit()
    {
        var cache = NewCache("Plugin1");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cache.SetAsync(null!, "k", 1));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await cache.TryGetAsync<int>("r", null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cache.SetAsync("r", "k", 1, TimeSpan.Zero));
        var kit = new Plugin.Sdk.Testing.InMemoryCache(new Plugin.Sdk.Testing.ManualTimeProvider());
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await kit.SetAsync(null!, "k", 1));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await kit.TryGetAsync<int>("r", null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await kit.SetAsync("r", "k", 1, TimeSpan.Zero));
        Assert.Equal(HybridPluginCache.DefaultTtl, kit.DefaultTtl);
    }

    private static HybridPluginCache NewCache(string pluginId) =>
        new(new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>(), pluginId);
}

namespace Plugin.Host.Tests;

/// <summary>Two plugins that know each other only by id: Provider shares data and offers services, Consumer reads and
/// calls them. Each declares its own request/response classes, as plugins in separate load contexts must.</summary>
public static class InteropPlugins
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;
        """;

    public static string Provider => Usings + """

        [assembly: PluginManifest(typeof(ProviderPlugin.Manifest))]
        namespace ProviderPlugin
        {
            public class ProviderConfig : PluginConfig { public ProviderConfig() { Enabled = true; } }
            public sealed class AddRequest { public int A { get; set; } public int B { get; set; } }
            public sealed class AddResponse { public int Sum { get; set; } public string By { get; set; } }
            public sealed class History { public int Count { get; set; } public List<string> Sites { get; set; } }
            public sealed class ProviderFailure : Exception { public ProviderFailure(string m) : base(m) { } }

            public sealed class Provider : PluginBase<ProviderConfig>
            {
                protected override async Task OnInitAsync(CancellationToken ct)
                {
                    await Context.Data.SaveAsync("history", new History { Count = 3, Sites = new List<string> { "a.org", "b.org" } }, ct);
                    await Context.Data.SaveAsync("secret", "s3cr3t", ct);
                    await Context.Data.SaveAsync("daily-2026-12-01", 5, ct);
                    await Context.Data.ShareAsync("history", ct);
                    await Context.Data.ShareAsync("daily-*", ct);
                    await Context.Data.ShareAsync("later", ct);
                    Context.Plugins.Offer<AddRequest, AddResponse>("add", (r, c) => Task.FromResult(new AddResponse { Sum = r.A + r.B, By = "Provider" }));
                    Context.Plugins.Offer<AddRequest, AddResponse>("boom", (r, c) => throw new ProviderFailure("no sums today"));
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor { Id = "Provider", Name = "Provider", Version = "1.0.0", Create = () => new Provider(), ConfigType = typeof(ProviderConfig) },
                };
            }
        }
        """;

    public static string Consumer => Usings + """

        [assembly: PluginManifest(typeof(ConsumerPlugin.Manifest))]
        namespace ConsumerPlugin
        {
            public class ConsumerConfig : PluginConfig { public ConsumerConfig() { Enabled = true; } }
            // The consumer's own view of the provider's types: same JSON shape, another assembly.
            public sealed class Sum { public int A { get; set; } public int B { get; set; } }
            public sealed class SumAnswer { public int Sum { get; set; } public string By { get; set; } }

            public sealed class Consumer : PluginBase<ConsumerConfig>
            {
                internal async ValueTask<object> Read(ApiRequest r, CancellationToken ct)
                {
                    var data = await Context.Plugins.GetDataAsync<System.Text.Json.JsonElement?>(Arguments.Required<string>(r, "plugin"), Arguments.Required<string>(r, "key"), ct);
                    return new { Status = data.Status.ToString(), Value = data.Value, data.Message };
                }

                internal async ValueTask<object> Keys(ApiRequest r, CancellationToken ct) =>
                    await Context.Plugins.SharedKeysAsync(Arguments.Required<string>(r, "plugin"), ct);

                internal async ValueTask<object> Add(ApiRequest r, CancellationToken ct)
                {
                    var service = Arguments.Optional<string>(r, "service", "add");
                    try
                    {
                        var answer = await Context.Plugins.CallAsync<Sum, SumAnswer>("Provider", service,
                            new Sum { A = Arguments.Required<int>(r, "a"), B = Arguments.Required<int>(r, "b") }, ct);
                        return new { Outcome = "ok", answer.Sum, answer.By, Offered = Context.Plugins.IsOffered("Provider", service) };
                    }
                    catch (PluginServiceUnavailableException e) { return new { Outcome = "unavailable", e.Message, Offered = Context.Plugins.IsOffered("Provider", service) }; }
                    catch (PluginServiceException e) { return new { Outcome = "failed", e.Message, Offered = Context.Plugins.IsOffered("Provider", service) }; }
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Consumer", Name = "Consumer", Version = "1.0.0", Create = () => new Consumer(), ConfigType = typeof(ConsumerConfig),
                        Apis = new[]
                        {
                            new ApiDescriptor("/read", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Consumer)p).Read(r, ct)),
                            new ApiDescriptor("/keys", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Consumer)p).Keys(r, ct)),
                            new ApiDescriptor("/add", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Consumer)p).Add(r, ct)),
                        },
                    },
                };
            }
        }
        """;

    /// <summary>A downloader plugin that registers as a record source, and lists the host's records through its API.</summary>
    public static string Downloader => Usings + """

        [assembly: PluginManifest(typeof(DownloaderPlugin.Manifest))]
        namespace DownloaderPlugin
        {
            public class DownloaderConfig : PluginConfig { public DownloaderConfig() { Enabled = true; } }

            public sealed class Downloader : PluginBase<DownloaderConfig>
            {
                // Static: a disabled instance still holds the writer its enabled predecessor registered, which the host refuses.
                private static IRecordSource s_source;

                protected override Task OnInitAsync(CancellationToken ct)
                {
                    if (IsEnabled)
                        s_source = Context.Records.RegisterSource("qbittorrent");
                    return Task.CompletedTask;
                }

                internal async ValueTask<object> Add(ApiRequest r, CancellationToken ct)
                {
                    try
                    {
                        var id = await s_source.AddDownloadAsync(new DownloadHistoryRecord
                        {
                            Title = Arguments.Required<string>(r, "title"), Type = "电影", DownloadHash = Arguments.Required<string>(r, "hash"),
                            Downloader = "qbittorrent", TorrentSite = "a.org",
                        }, ct);
                        return new { Id = id };
                    }
                    catch (ObjectDisposedException e) { return new { Id = 0L, e.Message }; }
                }

                internal async ValueTask<object> List(ApiRequest r, CancellationToken ct)
                {
                    var query = new RecordQuery
                    {
                        Type = Arguments.Optional<string>(r, "type", null), Title = Arguments.Optional<string>(r, "title", null),
                        Page = Arguments.Optional<int>(r, "page", 1), Count = Arguments.Optional<int>(r, "count", 30),
                        From = Arguments.Optional<DateTimeOffset?>(r, "from", null), To = Arguments.Optional<DateTimeOffset?>(r, "to", null),
                    };
                    var records = Context.Records;
                    switch (Arguments.Required<string>(r, "kind"))
                    {
                        case "download": return await records.DownloadHistory.ListAsync(query, ct);
                        case "transfer": return await records.TransferHistory.ListAsync(query, ct);
                        case "subscribe": return await records.Subscriptions.ListAsync(query, ct);
                        case "subscribe_history": return await records.Subscriptions.HistoryAsync(query, ct);
                        case "site": return await records.SiteUserData.ListAsync(query, ct);
                        case "message": return await records.Messages.ListAsync(query, ct);
                        default: return await records.Events.ListAsync(query, ct);
                    }
                }

                internal ValueTask<object> Sources(ApiRequest r, CancellationToken ct) => new ValueTask<object>(Context.Records.Sources);
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Downloader", Name = "Downloader", Version = "1.0.0", Create = () => new Downloader(), ConfigType = typeof(DownloaderConfig),
                        Apis = new[]
                        {
                            new ApiDescriptor("/add", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Downloader)p).Add(r, ct)),
                            new ApiDescriptor("/list", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Downloader)p).List(r, ct)),
                            new ApiDescriptor("/sources", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Downloader)p).Sources(r, ct)),
                        },
                    },
                };
            }
        }
        """;
}

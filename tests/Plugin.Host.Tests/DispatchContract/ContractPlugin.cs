namespace Plugin.Host.Tests.DispatchContract;

/// <summary>
/// The plugin both drivers of <see cref="DispatchContractTests"/> run: built with the real generator, as an author's
/// project is, so the host and the test kit read the same generated manifest. Each member makes one dispatch rule
/// observable in what the plugin answers.
/// </summary>
public static class ContractPlugin
{
    public const string Id = "ContractPlugin";
    public const string Package = "ContractPlugin";
    public const string Version = "1.0.0";
    public const string StorageType = "contractfs";

    public const string Source = """
        using System.Text.Json;

        namespace Contract;

        public sealed class ContractConfig : PluginConfig
        {
            [FormField("周期", Kind = FieldKind.Cron)]
            public string Cron { get; set; } = "5 4 * * *";
        }

        [Plugin(Name = "Contract", Description = "dispatch rules the host and the test kit share")]
        public partial class ContractPlugin : PluginBase<ContractConfig>
        {
            // What the command received: the command name the router split off and the arguments.
            [Command("/contract", "shows what it received")]
            public Task Show(CommandContext context) => context.ReplyAsync(context.Cmd, "[" + context.Args + "]");

            [Api("/items", Summary = "lists")]
            public object Items(ApiRequest request) => new { method = request.Method, path = request.Path, items = new[] { "a", "b" } };

            [Api("/items", HttpVerb.Post, Summary = "adds")]
            public object Add(ApiRequest request) => new { method = request.Method, path = request.Path, added = true };

            [Api("/nothing", Summary = "answers null")]
            public object? Nothing() => null;

            [MessageAction("pick_*")]
            public Task Pick(MessageActionContext context) => context.ReplyAsync(new Notification { Title = "picked " + context.Data });

            [Api("/discover", Summary = "discover source")]
            [DiscoverSource("Contract films", "contract", FilterUi = nameof(Filters))]
            public List<MediaInfo> Discover(int page = 1, string? genre = null) => [];

            public IEnumerable<UiNode> Filters() => [Ui.Chip("drama")];

            [Api("/recommend", Summary = "recommend source")]
            [RecommendSource("Contract top")]
            public List<MediaInfo> Recommend(int page = 1) => [];

            // Runs after the declared sources: the plugin must find its own contribution already in the list.
            [ChainHandler(ChainEventType.DiscoverSource, Priority = 10)]
            public void SeeDiscover(DiscoverSourceEventData data) =>
                data.ExtraSources.Add(new DiscoverMediaSource
                {
                    Name = "handler saw: " + string.Join(", ", data.ExtraSources.Select(s => s.Name + " @ " + s.ApiPath)),
                    MediaidPrefix = "contract-seen",
                    ApiPath = "plugin/" + Id + "/discover",
                });

            // A later handler runs after an earlier one; both after the declared contributions.
            [ChainHandler(ChainEventType.RecommendSource, Priority = 20)]
            public void Second(RecommendSourceEventData data) => data.ExtraSources.Add(new RecommendMediaSource { Name = "second", ApiPath = "-" });

            [ChainHandler(ChainEventType.RecommendSource, Priority = 5)]
            public void First(RecommendSourceEventData data) =>
                data.ExtraSources.Add(new RecommendMediaSource { Name = "first after " + data.ExtraSources.Count, ApiPath = "-" });

            [StorageProvider("contractfs", "Contract storage")]
            public IStorageProvider Storage() => new ContractStorage();

            [ChainHandler(ChainEventType.StorageOperSelection)]
            public void SeeStorage(StorageOperSelectionEventData data) =>
                data.Source = "handler saw " + (data.StorageOper?.GetType().Name ?? "no provider") + " from " + (data.Source ?? "nobody");

            [Service("contract_sync", "sync", CronFrom = nameof(ContractConfig.Cron))]
            public Task Sync() => Task.CompletedTask;
        }

        public sealed class ContractStorage : IStorageProvider
        {
            public Task<IReadOnlyList<FileItem>> ListAsync(FileItem folder, CancellationToken cancellationToken = default) =>
                Task.FromResult<IReadOnlyList<FileItem>>([]);

            public Task<FileItem?> GetItemAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult<FileItem?>(null);
        }
        """;

    private static readonly Lazy<PluginPackages.Built> Compiled = new(() => PluginPackages.CompileWithGenerator(Package, Version, Source));

    /// <summary>The assembly and package.json, compiled once per test run.</summary>
    public static PluginPackages.Built Built => Compiled.Value;
}

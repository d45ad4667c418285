using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

/// <summary>What a plugin declares for a chain event, built and waiting to be added to the event's data.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChainContribution
{
    private readonly string _pluginId;
    private readonly IReadOnlyList<DiscoverMediaSource> _discover;
    private readonly IReadOnlyList<RecommendMediaSource> _recommend;
    private readonly IStorageProvider? _storage;

    private ChainContribution(string pluginId, IReadOnlyList<DiscoverMediaSource> discover, IReadOnlyList<RecommendMediaSource> recommend,
        IStorageProvider? storage)
    {
        _pluginId = pluginId;
        _discover = discover;
        _recommend = recommend;
        _storage = storage;
    }

    /// <summary>
    /// A declared source's <c>api_path</c> as MoviePilot expects it, relative to <c>api/v1/</c>:
    /// <c>plugin/&lt;Id&gt;/&lt;path&gt;</c> (a path already starting with <c>plugin/</c> is kept).
    /// </summary>
    public static string SourceApiPath(string pluginId, string apiPath)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        ArgumentNullException.ThrowIfNull(apiPath);
        return apiPath.StartsWith("plugin/", StringComparison.Ordinal) ? apiPath : $"plugin/{pluginId}/{apiPath.TrimStart('/')}";
    }

    /// <summary>Adds the contribution to <paramref name="data"/>: sources are appended; a storage provider is set only
    /// while no earlier plugin has answered the storage (the first declaring plugin wins, its id becomes the source).</summary>
    public void ApplyTo(ChainEventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (data)
        {
            case DiscoverSourceEventData discover:
                discover.ExtraSources.AddRange(_discover);
                break;
            case RecommendSourceEventData recommend:
                recommend.ExtraSources.AddRange(_recommend);
                break;
            case StorageOperSelectionEventData storage when _storage is not null && storage.StorageOper is null:
                storage.StorageOper = _storage;
                storage.Source = _pluginId;
                break;
        }
    }

    internal static bool Declares(PluginDescriptor descriptor, ChainEventType type, ChainEventData data) => (type, data) switch
    {
        (ChainEventType.DiscoverSource, DiscoverSourceEventData) => descriptor.DiscoverSources.Count > 0,
        (ChainEventType.RecommendSource, RecommendSourceEventData) => descriptor.RecommendSources.Count > 0,
        (ChainEventType.StorageOperSelection, StorageOperSelectionEventData storage) => FindStorage(descriptor, storage.Storage) is not null,
        _ => false,
    };

    // Calls plugin code (filter UIs, the storage factory): the caller runs it as it runs any other plugin call.
    internal static ChainContribution? Build(ChainParticipant participant, ChainEventType type, ChainEventData data)
    {
        var descriptor = participant.Descriptor;
        if (!Declares(descriptor, type, data))
            return null;
        switch (data)
        {
            case DiscoverSourceEventData:
                var discover = descriptor.DiscoverSources.Select(source => new DiscoverMediaSource
                {
                    Name = source.Name,
                    MediaidPrefix = source.MediaIdPrefix,
                    ApiPath = SourceApiPath(participant.PluginId, source.ApiPath),
                    FilterParams = source.FilterParams.ToDictionary(p => p, _ => JsonSerializer.SerializeToElement<string?>(null)),
                    FilterUi = source.FilterUi is null ? []
                        : [.. source.FilterUi(participant.Plugin).Select(n => JsonSerializer.SerializeToElement(n.ToJson()))],
                }).ToList();
                return new ChainContribution(participant.PluginId, discover, [], null);
            case RecommendSourceEventData:
                var recommend = descriptor.RecommendSources
                    .Select(source => new RecommendMediaSource { Name = source.Name, ApiPath = SourceApiPath(participant.PluginId, source.ApiPath) })
                    .ToList();
                return new ChainContribution(participant.PluginId, [], recommend, null);
            case StorageOperSelectionEventData storage when storage.StorageOper is null:
                var provider = FindStorage(descriptor, storage.Storage)!;
                return new ChainContribution(participant.PluginId, [], [], provider.Create(participant.Plugin));
            default:
                return null;
        }
    }

    private static StorageProviderDescriptor? FindStorage(PluginDescriptor descriptor, string? storage) =>
        descriptor.StorageProviders.FirstOrDefault(p => string.Equals(p.Type, storage, StringComparison.OrdinalIgnoreCase));
}

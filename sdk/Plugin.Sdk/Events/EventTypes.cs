using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugin.Sdk;

/// <summary>
/// Run-time facts about event types without reflection: wire names (both ways), data types, time limits, and
/// deserialising event data that arrives as JSON (e.g. from a webhook or another plugin).
/// Keep in step with the <see cref="EventDataAttribute"/>s on the enums; a test checks that they agree.
/// </summary>
public static class EventTypes
{
    /// <summary>The name MoviePilot uses for a broadcast event, e.g. <c>transfer.complete</c>.</summary>
    public static string WireName(EventType type) => type switch
    {
        EventType.PluginReload => "plugin.reload",
        EventType.PluginAction => "plugin.action",
        EventType.PluginTriggered => "plugin.triggered",
        EventType.CommandExcute => "command.excute",
        EventType.SiteDeleted => "site.deleted",
        EventType.SiteUpdated => "site.updated",
        EventType.SiteRefreshed => "site.refreshed",
        EventType.TransferComplete => "transfer.complete",
        EventType.DownloadAdded => "download.added",
        EventType.HistoryDeleted => "history.deleted",
        EventType.DownloadFileDeleted => "downloadfile.deleted",
        EventType.DownloadDeleted => "download.deleted",
        EventType.UserMessage => "user.message",
        EventType.WebhookMessage => "webhook.message",
        EventType.NoticeMessage => "notice.message",
        EventType.SubscribeAdded => "subscribe.added",
        EventType.SubscribeModified => "subscribe.modified",
        EventType.SubscribeDeleted => "subscribe.deleted",
        EventType.SubscribeComplete => "subscribe.complete",
        EventType.SystemError => "system.error",
        EventType.MetadataScrape => "metadata.scrape",
        EventType.ModuleReload => "module.reload",
        EventType.MessageAction => "message.action",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };

    /// <summary>The name MoviePilot uses for a chain event, e.g. <c>name.recognize</c>.</summary>
    public static string WireName(ChainEventType type) => type switch
    {
        ChainEventType.NameRecognize => "name.recognize",
        ChainEventType.AuthVerification => "auth.verification",
        ChainEventType.AuthIntercept => "auth.intercept",
        ChainEventType.CommandRegister => "command.register",
        ChainEventType.TransferRename => "transfer.rename",
        ChainEventType.TransferIntercept => "transfer.intercept",
        ChainEventType.ResourceSelection => "resource.selection",
        ChainEventType.ResourceDownload => "resource.download",
        ChainEventType.DiscoverSource => "discover.source",
        ChainEventType.MediaRecognizeConvert => "media.recognize.convert",
        ChainEventType.RecommendSource => "recommend.source",
        ChainEventType.WorkflowExecution => "workflow.execution",
        ChainEventType.StorageOperSelection => "storage.operation",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown chain event type."),
    };

    /// <summary>Parses a wire name (<c>transfer.complete</c>) or an enum name (<c>TransferComplete</c>).</summary>
    public static bool TryParse(string name, out EventType type) => TryParse(name, WireName, out type);

    /// <inheritdoc cref="TryParse(string, out EventType)"/>
    public static bool TryParse(string name, out ChainEventType type) => TryParse(name, WireName, out type);

    private static bool TryParse<TEnum>(string name, Func<TEnum, string> wireName, out TEnum type) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(wireName(candidate), name, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>Time the host gives each handler of a chain event; the seed sets 15 s for recognition.</summary>
    public static TimeSpan? TimeLimit(ChainEventType type) =>
        type == ChainEventType.NameRecognize ? TimeSpan.FromSeconds(15) : null;

    /// <summary>Creates empty data of the right class for an event.</summary>
    public static EventData CreateData(EventType type) => Deserialize(type, new JsonObject());

    /// <summary>Reads event data from JSON (MoviePilot's snake_case field names).</summary>
    public static EventData Deserialize(EventType type, JsonNode? json) => type switch
    {
        EventType.PluginReload => Read<PluginReloadEventData>(json),
        EventType.PluginAction => Read<PluginActionEventData>(json),
        EventType.PluginTriggered => Read<PluginTriggeredEventData>(json),
        EventType.CommandExcute => Read<CommandExecuteEventData>(json),
        EventType.SiteDeleted => Read<SiteDeletedEventData>(json),
        EventType.SiteUpdated => Read<SiteUpdatedEventData>(json),
        EventType.SiteRefreshed => Read<SiteRefreshedEventData>(json),
        EventType.TransferComplete => Read<TransferCompleteEventData>(json),
        EventType.DownloadAdded => Read<DownloadAddedEventData>(json),
        EventType.HistoryDeleted => Read<HistoryDeletedEventData>(json),
        EventType.DownloadFileDeleted => Read<DownloadFileDeletedEventData>(json),
        EventType.DownloadDeleted => Read<DownloadDeletedEventData>(json),
        EventType.UserMessage => Read<UserMessageEventData>(json),
        EventType.WebhookMessage => Read<WebhookMessageEventData>(json),
        EventType.NoticeMessage => Read<NoticeMessageEventData>(json),
        EventType.SubscribeAdded => Read<SubscribeAddedEventData>(json),
        EventType.SubscribeModified => Read<SubscribeModifiedEventData>(json),
        EventType.SubscribeDeleted => Read<SubscribeDeletedEventData>(json),
        EventType.SubscribeComplete => Read<SubscribeCompleteEventData>(json),
        EventType.SystemError => Read<SystemErrorEventData>(json),
        EventType.MetadataScrape => Read<MetadataScrapeEventData>(json),
        EventType.ModuleReload => Read<ModuleReloadEventData>(json),
        EventType.MessageAction => Read<MessageActionEventData>(json),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };

    /// <summary>Reads chain event data from JSON.</summary>
    public static ChainEventData Deserialize(ChainEventType type, JsonNode? json) => type switch
    {
        ChainEventType.NameRecognize => Read<NameRecognizeEventData>(json),
        ChainEventType.AuthVerification => Read<AuthVerificationEventData>(json),
        ChainEventType.AuthIntercept => Read<AuthInterceptEventData>(json),
        ChainEventType.CommandRegister => Read<CommandRegisterEventData>(json),
        ChainEventType.TransferRename => Read<TransferRenameEventData>(json),
        ChainEventType.TransferIntercept => Read<TransferInterceptEventData>(json),
        ChainEventType.ResourceSelection => Read<ResourceSelectionEventData>(json),
        ChainEventType.ResourceDownload => Read<ResourceDownloadEventData>(json),
        ChainEventType.DiscoverSource => Read<DiscoverSourceEventData>(json),
        ChainEventType.MediaRecognizeConvert => Read<MediaRecognizeConvertEventData>(json),
        ChainEventType.RecommendSource => Read<RecommendSourceEventData>(json),
        ChainEventType.WorkflowExecution => Read<WorkflowExecutionEventData>(json),
        ChainEventType.StorageOperSelection => Read<StorageOperSelectionEventData>(json),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown chain event type."),
    };

    private static T Read<T>(JsonNode? json) where T : new() =>
        json is null ? new T() : json.Deserialize<T>(PluginJson.Options) ?? new T();
}

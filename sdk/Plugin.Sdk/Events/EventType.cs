namespace Plugin.Sdk;

/// <summary>
/// Ties an event type to its data class, its wire name (MoviePilot's enum value) and, for chain events, the time the
/// host waits for each handler. The generator reads it to check handler parameters; <see cref="EventTypes"/> answers
/// the same at run time without reflection.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class EventDataAttribute(Type dataType, string wireName) : Attribute
{
    public Type DataType { get; } = dataType;
    public string WireName { get; } = wireName;

    /// <summary>Per-handler time limit in seconds (0 = the host's default).</summary>
    public int TimeLimitSeconds { get; set; }
}

/// <summary>Broadcast events (MoviePilot V2 <c>EventType</c>): delivered asynchronously to every handler.</summary>
public enum EventType
{
    [EventData(typeof(PluginReloadEventData), "plugin.reload")] PluginReload,
    [EventData(typeof(PluginActionEventData), "plugin.action")] PluginAction,
    [EventData(typeof(PluginTriggeredEventData), "plugin.triggered")] PluginTriggered,
    // MoviePilot spells it "excute"; the member name keeps the seed's spelling so ported code reads the same.
    [EventData(typeof(CommandExecuteEventData), "command.excute")] CommandExcute,
    [EventData(typeof(SiteDeletedEventData), "site.deleted")] SiteDeleted,
    [EventData(typeof(SiteUpdatedEventData), "site.updated")] SiteUpdated,
    [EventData(typeof(SiteRefreshedEventData), "site.refreshed")] SiteRefreshed,
    [EventData(typeof(TransferCompleteEventData), "transfer.complete")] TransferComplete,
    [EventData(typeof(DownloadAddedEventData), "download.added")] DownloadAdded,
    [EventData(typeof(HistoryDeletedEventData), "history.deleted")] HistoryDeleted,
    [EventData(typeof(DownloadFileDeletedEventData), "downloadfile.deleted")] DownloadFileDeleted,
    [EventData(typeof(DownloadDeletedEventData), "download.deleted")] DownloadDeleted,
    [EventData(typeof(UserMessageEventData), "user.message")] UserMessage,
    [EventData(typeof(WebhookMessageEventData), "webhook.message")] WebhookMessage,
    [EventData(typeof(NoticeMessageEventData), "notice.message")] NoticeMessage,
    [EventData(typeof(SubscribeAddedEventData), "subscribe.added")] SubscribeAdded,
    [EventData(typeof(SubscribeModifiedEventData), "subscribe.modified")] SubscribeModified,
    [EventData(typeof(SubscribeDeletedEventData), "subscribe.deleted")] SubscribeDeleted,
    [EventData(typeof(SubscribeCompleteEventData), "subscribe.complete")] SubscribeComplete,
    [EventData(typeof(SystemErrorEventData), "system.error")] SystemError,
    [EventData(typeof(MetadataScrapeEventData), "metadata.scrape")] MetadataScrape,
    [EventData(typeof(ModuleReloadEventData), "module.reload")] ModuleReload,
    /// <summary>A message button callback <c>[PLUGIN]Id|data</c> (seed §14). Prefer <see cref="MessageActionAttribute"/>.</summary>
    [EventData(typeof(MessageActionEventData), "message.action")] MessageAction,
}

/// <summary>Chain events (MoviePilot V2 <c>ChainEventType</c>): handlers run in priority order and share the data.</summary>
public enum ChainEventType
{
    /// <summary>Only raised when the host cannot recognise a title; the seed gives handlers 15 seconds.</summary>
    [EventData(typeof(NameRecognizeEventData), "name.recognize", TimeLimitSeconds = 15)] NameRecognize,
    [EventData(typeof(AuthVerificationEventData), "auth.verification")] AuthVerification,
    [EventData(typeof(AuthInterceptEventData), "auth.intercept")] AuthIntercept,
    [EventData(typeof(CommandRegisterEventData), "command.register")] CommandRegister,
    [EventData(typeof(TransferRenameEventData), "transfer.rename")] TransferRename,
    [EventData(typeof(TransferInterceptEventData), "transfer.intercept")] TransferIntercept,
    [EventData(typeof(ResourceSelectionEventData), "resource.selection")] ResourceSelection,
    [EventData(typeof(ResourceDownloadEventData), "resource.download")] ResourceDownload,
    [EventData(typeof(DiscoverSourceEventData), "discover.source")] DiscoverSource,
    [EventData(typeof(MediaRecognizeConvertEventData), "media.recognize.convert")] MediaRecognizeConvert,
    [EventData(typeof(RecommendSourceEventData), "recommend.source")] RecommendSource,
    [EventData(typeof(WorkflowExecutionEventData), "workflow.execution")] WorkflowExecution,
    [EventData(typeof(StorageOperSelectionEventData), "storage.operation")] StorageOperSelection,
}

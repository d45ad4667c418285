namespace Plugin.Sdk;

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

namespace Plugin.Sdk;

/// <summary>Broadcast events (MoviePilot V2 <c>EventType</c>): delivered asynchronously to every handler.</summary>
public enum EventType
{
    /// <summary>A plugin was reloaded (<see cref="PluginReloadEventData"/>).</summary>
    [EventData(typeof(PluginReloadEventData), "plugin.reload")] PluginReload,
    /// <summary>A remote command or plugin action was issued (<see cref="PluginActionEventData"/>).</summary>
    [EventData(typeof(PluginActionEventData), "plugin.action")] PluginAction,
    /// <summary>A plugin reports something it did, for other plugins to react to (<see cref="PluginTriggeredEventData"/>).</summary>
    [EventData(typeof(PluginTriggeredEventData), "plugin.triggered")] PluginTriggered,
    // MoviePilot spells it "excute"; the member name keeps the seed's spelling so ported code reads the same.
    /// <summary>A remote command was run (<see cref="CommandExecuteEventData"/>); MoviePilot's wire name keeps its spelling <c>command.excute</c>.</summary>
    [EventData(typeof(CommandExecuteEventData), "command.excute")] CommandExcute,
    /// <summary>A site was deleted (<see cref="SiteDeletedEventData"/>).</summary>
    [EventData(typeof(SiteDeletedEventData), "site.deleted")] SiteDeleted,
    /// <summary>A site's settings were changed (<see cref="SiteUpdatedEventData"/>).</summary>
    [EventData(typeof(SiteUpdatedEventData), "site.updated")] SiteUpdated,
    /// <summary>A site's user data was refreshed (<see cref="SiteRefreshedEventData"/>).</summary>
    [EventData(typeof(SiteRefreshedEventData), "site.refreshed")] SiteRefreshed,
    /// <summary>A download was organised into the media library (<see cref="TransferCompleteEventData"/>).</summary>
    [EventData(typeof(TransferCompleteEventData), "transfer.complete")] TransferComplete,
    /// <summary>A torrent was added to a downloader (<see cref="DownloadAddedEventData"/>).</summary>
    [EventData(typeof(DownloadAddedEventData), "download.added")] DownloadAdded,
    /// <summary>An organise-history record was deleted (<see cref="HistoryDeletedEventData"/>).</summary>
    [EventData(typeof(HistoryDeletedEventData), "history.deleted")] HistoryDeleted,
    /// <summary>A downloaded file was deleted (<see cref="DownloadFileDeletedEventData"/>).</summary>
    [EventData(typeof(DownloadFileDeletedEventData), "downloadfile.deleted")] DownloadFileDeleted,
    /// <summary>A download task was deleted (<see cref="DownloadDeletedEventData"/>).</summary>
    [EventData(typeof(DownloadDeletedEventData), "download.deleted")] DownloadDeleted,
    /// <summary>A user sent a message that is not a command (<see cref="UserMessageEventData"/>).</summary>
    [EventData(typeof(UserMessageEventData), "user.message")] UserMessage,
    /// <summary>A media server (Emby, Jellyfin, Plex) called the webhook, e.g. on playback (<see cref="WebhookMessageEventData"/>).</summary>
    [EventData(typeof(WebhookMessageEventData), "webhook.message")] WebhookMessage,
    /// <summary>A notification is about to be sent; handle it to deliver through another channel (<see cref="NoticeMessageEventData"/>).</summary>
    [EventData(typeof(NoticeMessageEventData), "notice.message")] NoticeMessage,
    /// <summary>A subscription was added (<see cref="SubscribeAddedEventData"/>).</summary>
    [EventData(typeof(SubscribeAddedEventData), "subscribe.added")] SubscribeAdded,
    /// <summary>A subscription was changed (<see cref="SubscribeModifiedEventData"/>).</summary>
    [EventData(typeof(SubscribeModifiedEventData), "subscribe.modified")] SubscribeModified,
    /// <summary>A subscription was deleted (<see cref="SubscribeDeletedEventData"/>).</summary>
    [EventData(typeof(SubscribeDeletedEventData), "subscribe.deleted")] SubscribeDeleted,
    /// <summary>A subscription got everything it asked for (<see cref="SubscribeCompleteEventData"/>).</summary>
    [EventData(typeof(SubscribeCompleteEventData), "subscribe.complete")] SubscribeComplete,
    /// <summary>A module or the system reported an error (<see cref="SystemErrorEventData"/>).</summary>
    [EventData(typeof(SystemErrorEventData), "system.error")] SystemError,
    /// <summary>Metadata (NFO files, images) should be written for a media item (<see cref="MetadataScrapeEventData"/>).</summary>
    [EventData(typeof(MetadataScrapeEventData), "metadata.scrape")] MetadataScrape,
    /// <summary>A system module was reloaded (<see cref="ModuleReloadEventData"/>).</summary>
    [EventData(typeof(ModuleReloadEventData), "module.reload")] ModuleReload,
    /// <summary>A message button callback <c>[PLUGIN]Id|data</c> (seed §14). Prefer <see cref="MessageActionAttribute"/>.</summary>
    [EventData(typeof(MessageActionEventData), "message.action")] MessageAction,
}

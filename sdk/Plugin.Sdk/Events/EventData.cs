using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>
/// Base of every event's data. Fields MoviePilot sends that the typed model does not name are kept in
/// <see cref="Extra"/>, so nothing is lost when an event passes through a plugin.
/// </summary>
public abstract class EventData
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Base of chain event data: handlers may stop the chain's operation with a reason.</summary>
public abstract class ChainEventData : EventData
{
    /// <summary>Which plugin (or module) last changed the data.</summary>
    public string? Source { get; set; }
}

/// <summary>A delivered event: its type and data, for handlers that want both.</summary>
public sealed class PluginEvent(EventType type, EventData data)
{
    public EventType Type { get; } = type;
    public EventData Data { get; } = data;
}

/// <summary>A delivered chain event.</summary>
public sealed class PluginChainEvent(ChainEventType type, ChainEventData data)
{
    public ChainEventType Type { get; } = type;
    public ChainEventData Data { get; } = data;
}

// ---- broadcast events -------------------------------------------------------------------------------------

public sealed class PluginReloadEventData : EventData
{
    public string? PluginId { get; set; }
}

/// <summary>A command or plugin action; <see cref="Action"/> tells which plugin action is meant.</summary>
public sealed class PluginActionEventData : EventData
{
    public string? Action { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
    public string? User { get; set; }
    public string? Userid { get; set; }
    /// <summary>The text after the command, e.g. <c>"a b"</c> for <c>/cmd a b</c>.</summary>
    public string? Args { get; set; }
}

public sealed class PluginTriggeredEventData : EventData
{
    public string? PluginId { get; set; }
    public string? EventName { get; set; }
    public JsonElement? Value { get; set; }
}

public sealed class CommandExecuteEventData : EventData
{
    public string? Cmd { get; set; }
    public string? User { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
}

public sealed class SiteDeletedEventData : EventData
{
    public int? SiteId { get; set; }
}

public sealed class SiteUpdatedEventData : EventData
{
    public string? Domain { get; set; }
}

public sealed class SiteRefreshedEventData : EventData
{
    public int? SiteId { get; set; }
}

public sealed class TransferCompleteEventData : EventData
{
    public MetaInfo? Meta { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    [JsonPropertyName("transferinfo")] public TransferInfo? TransferInfo { get; set; }
    public string? Downloader { get; set; }
    public string? DownloadHash { get; set; }
}

public sealed class DownloadAddedEventData : EventData
{
    public string? Hash { get; set; }
    public string? Downloader { get; set; }
    public string? Username { get; set; }
    public string? Source { get; set; }
    public MediaContext? Context { get; set; }
}

public sealed class HistoryDeletedEventData : EventData
{
    public Dictionary<string, JsonElement>? History { get; set; }
}

public sealed class DownloadFileDeletedEventData : EventData
{
    public string? Src { get; set; }
    public string? Hash { get; set; }
}

public sealed class DownloadDeletedEventData : EventData
{
    public string? Hash { get; set; }
}

public sealed class UserMessageEventData : EventData
{
    public string? Text { get; set; }
    public string? Userid { get; set; }
    public string? Username { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
}

public sealed class WebhookMessageEventData : EventData
{
    public string? Channel { get; set; }
    public string? Event { get; set; }
    public string? ItemType { get; set; }
    public string? ItemName { get; set; }
    public string? ItemId { get; set; }
    public string? ItemPath { get; set; }
    public int? SeasonId { get; set; }
    public int? EpisodeId { get; set; }
    public string? UserName { get; set; }
    public string? DeviceName { get; set; }
    public string? Client { get; set; }
    public string? Overview { get; set; }
    public int? Percentage { get; set; }
}

/// <summary>The seed's NoticeMessage data: extend notification channels by handling it.</summary>
public sealed class NoticeMessageEventData : EventData
{
    public string? Channel { get; set; }
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Text { get; set; }
    public string? Image { get; set; }
    public string? Link { get; set; }
    public string? Userid { get; set; }
    public List<List<MessageButton>>? Buttons { get; set; }
}

public sealed class SubscribeAddedEventData : EventData
{
    public int? SubscribeId { get; set; }
    public string? Username { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
}

public sealed class SubscribeModifiedEventData : EventData
{
    public int? SubscribeId { get; set; }
    public Dictionary<string, JsonElement>? OldSubscribeInfo { get; set; }
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
}

public sealed class SubscribeDeletedEventData : EventData
{
    public int? SubscribeId { get; set; }
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
}

public sealed class SubscribeCompleteEventData : EventData
{
    public int? SubscribeId { get; set; }
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
}

public sealed class SystemErrorEventData : EventData
{
    public string? Type { get; set; }
    public string? ModuleId { get; set; }
    public string? ModuleName { get; set; }
    public string? Error { get; set; }
    public string? Traceback { get; set; }
}

public sealed class MetadataScrapeEventData : EventData
{
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    public List<string>? FileList { get; set; }
    public bool? Overwrite { get; set; }
}

public sealed class ModuleReloadEventData : EventData
{
    public string? ModuleId { get; set; }
}

/// <summary>A button callback: <see cref="Text"/> is the part after <c>|</c> of <c>[PLUGIN]Id|data</c>.</summary>
public sealed class MessageActionEventData : EventData
{
    public string? PluginId { get; set; }
    public string? Text { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
    public string? Userid { get; set; }
    public string? OriginalMessageId { get; set; }
    public string? OriginalChatId { get; set; }
}

// ---- chain events -----------------------------------------------------------------------------------------

/// <summary>Name recognition: read <see cref="Title"/>, fill <see cref="Name"/> (and year/season/episode) within 15 s.</summary>
public sealed class NameRecognizeEventData : ChainEventData
{
    public string? Title { get; set; }
    public string? Name { get; set; }
    public string? Year { get; set; }
    public int? Season { get; set; }
    public int? Episode { get; set; }
}

public sealed class AuthVerificationEventData : ChainEventData
{
    public string? Name { get; set; }
    public string? Password { get; set; }
    public string? Channel { get; set; }
    public string? Service { get; set; }
    public string? Token { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

public sealed class AuthInterceptEventData : ChainEventData
{
    public string? Name { get; set; }
    public string? Channel { get; set; }
    public string? Service { get; set; }
    public string? Status { get; set; }
    public string? Token { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

public sealed class CommandRegisterEventData : ChainEventData
{
    public Dictionary<string, JsonElement>? Commands { get; set; }
    public string? Origin { get; set; }
    public string? Service { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

public sealed class TransferRenameEventData : ChainEventData
{
    public string? TemplateString { get; set; }
    public Dictionary<string, JsonElement>? RenameDict { get; set; }
    public string? RenderStr { get; set; }
    public string? Path { get; set; }
    public bool Updated { get; set; }
    public string? UpdatedStr { get; set; }
}

public sealed class TransferInterceptEventData : ChainEventData
{
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    public string? TargetStorage { get; set; }
    public string? TargetPath { get; set; }
    public string? TransferType { get; set; }
    public Dictionary<string, JsonElement>? Options { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

public sealed class ResourceSelectionEventData : ChainEventData
{
    public List<MediaContext>? Contexts { get; set; }
    public string? Downloader { get; set; }
    public string? Origin { get; set; }
    public bool Updated { get; set; }
    public List<MediaContext>? UpdatedContexts { get; set; }
}

public sealed class ResourceDownloadEventData : ChainEventData
{
    public MediaContext? Context { get; set; }
    public List<int>? Episodes { get; set; }
    public string? Channel { get; set; }
    public string? Origin { get; set; }
    public string? Downloader { get; set; }
    public Dictionary<string, JsonElement>? Options { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Discover sources: add yours to <see cref="ExtraSources"/> (append, never replace).</summary>
public sealed class DiscoverSourceEventData : ChainEventData
{
    public List<DiscoverMediaSource> ExtraSources { get; set; } = [];
}

public sealed class MediaRecognizeConvertEventData : ChainEventData
{
    /// <summary><c>prefix:id</c>, e.g. <c>tmdb:12345</c>.</summary>
    public string? Mediaid { get; set; }
    /// <summary><c>themoviedb</c> or <c>douban</c>.</summary>
    public string? ConvertType { get; set; }
    public Dictionary<string, JsonElement>? MediaDict { get; set; }
}

/// <summary>Recommend sources: add yours to <see cref="ExtraSources"/> (append, never replace).</summary>
public sealed class RecommendSourceEventData : ChainEventData
{
    public List<RecommendMediaSource> ExtraSources { get; set; } = [];
}

public sealed class WorkflowExecutionEventData : ChainEventData
{
    public int? WorkflowId { get; set; }
    public string? WorkflowName { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Storage selection: when <see cref="Storage"/> is yours, set <see cref="StorageOper"/>.</summary>
public sealed class StorageOperSelectionEventData : ChainEventData
{
    public string? Storage { get; set; }

    /// <summary>The provider answering for <see cref="Storage"/>; not serialised.</summary>
    [JsonIgnore] public IStorageProvider? StorageOper { get; set; }
}

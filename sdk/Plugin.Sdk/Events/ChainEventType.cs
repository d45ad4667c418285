namespace Plugin.Sdk;

/// <summary>Chain events (MoviePilot V2 <c>ChainEventType</c>): handlers run in priority order and share the data.</summary>
public enum ChainEventType
{
    /// <summary>Only raised when the host cannot recognise a title; the seed gives handlers 15 seconds.</summary>
    [EventData(typeof(NameRecognizeEventData), "name.recognize", TimeLimitSeconds = 15)] NameRecognize,
    /// <summary>A login with user name and password: a handler may authenticate the user itself (<see cref="AuthVerificationEventData"/>).</summary>
    [EventData(typeof(AuthVerificationEventData), "auth.verification")] AuthVerification,
    /// <summary>A login through a third-party service: a handler may refuse it (<see cref="AuthInterceptEventData"/>).</summary>
    [EventData(typeof(AuthInterceptEventData), "auth.intercept")] AuthIntercept,
    /// <summary>Commands are about to be registered with a message channel: a handler may change or cancel them (<see cref="CommandRegisterEventData"/>).</summary>
    [EventData(typeof(CommandRegisterEventData), "command.register")] CommandRegister,
    /// <summary>A file name was rendered from the rename template: a handler may replace it (<see cref="TransferRenameEventData"/>).</summary>
    [EventData(typeof(TransferRenameEventData), "transfer.rename")] TransferRename,
    /// <summary>A file is about to be organised: a handler may cancel it (<see cref="TransferInterceptEventData"/>).</summary>
    [EventData(typeof(TransferInterceptEventData), "transfer.intercept")] TransferIntercept,
    /// <summary>Search results are about to be chosen from: a handler may reorder or filter them (<see cref="ResourceSelectionEventData"/>).</summary>
    [EventData(typeof(ResourceSelectionEventData), "resource.selection")] ResourceSelection,
    /// <summary>A torrent is about to be downloaded: a handler may cancel it (<see cref="ResourceDownloadEventData"/>).</summary>
    [EventData(typeof(ResourceDownloadEventData), "resource.download")] ResourceDownload,
    /// <summary>The discover page asks for extra media sources (<see cref="DiscoverSourceEventData"/>).</summary>
    [EventData(typeof(DiscoverSourceEventData), "discover.source")] DiscoverSource,
    /// <summary>A media id of one database is to be converted to another (<see cref="MediaRecognizeConvertEventData"/>).</summary>
    [EventData(typeof(MediaRecognizeConvertEventData), "media.recognize.convert")] MediaRecognizeConvert,
    /// <summary>The recommend page asks for extra sources (<see cref="RecommendSourceEventData"/>).</summary>
    [EventData(typeof(RecommendSourceEventData), "recommend.source")] RecommendSource,
    /// <summary>A workflow is about to run: a handler may cancel it (<see cref="WorkflowExecutionEventData"/>).</summary>
    [EventData(typeof(WorkflowExecutionEventData), "workflow.execution")] WorkflowExecution,
    /// <summary>The host looks for the provider of a storage type (<see cref="StorageOperSelectionEventData"/>).</summary>
    [EventData(typeof(StorageOperSelectionEventData), "storage.operation")] StorageOperSelection,
}

namespace Plugin.Sdk;

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

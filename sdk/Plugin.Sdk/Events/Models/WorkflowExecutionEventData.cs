namespace Plugin.Sdk;

public sealed class WorkflowExecutionEventData : ChainEventData
{
    public int? WorkflowId { get; set; }
    public string? WorkflowName { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

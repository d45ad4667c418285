namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.WorkflowExecution"/>: a workflow about to run, which a handler may stop.</summary>
public sealed class WorkflowExecutionEventData : ChainEventData
{
    /// <summary>The workflow's database id. JSON <c>workflow_id</c>.</summary>
    public int? WorkflowId { get; set; }
    /// <summary>The workflow's name. JSON <c>workflow_name</c>.</summary>
    public string? WorkflowName { get; set; }
    /// <summary>Set true to stop the run.</summary>
    public bool Cancel { get; set; }
    /// <summary>Why it was stopped.</summary>
    public string? Reason { get; set; }
}

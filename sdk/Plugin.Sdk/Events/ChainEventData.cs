namespace Plugin.Sdk;

/// <summary>Base of chain event data: handlers may stop the chain's operation with a reason.</summary>
public abstract class ChainEventData : EventData
{
    /// <summary>Which plugin (or module) last changed the data.</summary>
    public string? Source { get; set; }
}

using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.CommandRegister"/>: commands about to be registered with a message channel.</summary>
public sealed class CommandRegisterEventData : ChainEventData
{
    /// <summary>The commands by name, as MoviePilot describes them; a handler may change the set.</summary>
    public Dictionary<string, JsonElement>? Commands { get; set; }
    /// <summary>What registers them, e.g. <c>CommandChain</c>.</summary>
    public string? Origin { get; set; }
    /// <summary>The notification service they are registered with.</summary>
    public string? Service { get; set; }
    /// <summary>Set true to stop the registration.</summary>
    public bool Cancel { get; set; }
    /// <summary>Why it was stopped.</summary>
    public string? Reason { get; set; }
}

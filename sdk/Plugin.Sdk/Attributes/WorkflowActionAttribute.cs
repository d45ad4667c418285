namespace Plugin.Sdk;

/// <summary>
/// A workflow action (the seed's <c>get_actions()</c>). Signature: <c>(ActionContext)</c> optionally followed by
/// <see cref="CancellationToken"/>, returning <see cref="ActionResult"/>, <c>bool</c>, or a task of either.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class WorkflowActionAttribute(string id, string name) : Attribute
{
    /// <summary>Unique within the plugin.</summary>
    public string Id { get; } = id;

    /// <summary>Name shown in the workflow editor.</summary>
    public string Name { get; } = name;

    /// <summary>What the action does, shown in the workflow editor.</summary>
    public string? Description { get; set; }
}

namespace Plugin.Sdk;

/// <summary>
/// A workflow action (the seed's <c>get_actions()</c>). Signature: <c>(ActionContext)</c> optionally followed by
/// <see cref="CancellationToken"/>, returning <see cref="ActionResult"/>, <c>bool</c>, or a task of either.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class WorkflowActionAttribute(string id, string name) : Attribute
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string? Description { get; set; }
}

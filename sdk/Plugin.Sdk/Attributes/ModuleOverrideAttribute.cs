namespace Plugin.Sdk;

/// <summary>
/// Overrides a system module method (the seed's <c>get_module()</c>), e.g. <c>post_message</c> or <c>list_files</c>.
/// Parameters bind by name from the module call's arguments. Returning <c>null</c> passes the call on to the next
/// plugin or the system module, as MoviePilot does.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModuleOverrideAttribute(string method) : Attribute
{
    /// <summary>The module method name as the host's chains call it (snake_case, e.g. <c>list_files</c>).</summary>
    public string Method { get; } = method;
}

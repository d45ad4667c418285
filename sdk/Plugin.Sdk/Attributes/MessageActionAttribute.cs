namespace Plugin.Sdk;

/// <summary>
/// Handles message button callbacks of the form <c>[PLUGIN]PluginId|data</c> (the seed's <c>MessageAction</c>).
/// Without an argument the method receives every callback of its plugin; with <paramref name="data"/> only that value,
/// or, when it ends with <c>*</c>, values starting with the text before it (e.g. <c>"action_*"</c>).
/// Signature: <c>(MessageActionContext)</c> optionally followed by <see cref="CancellationToken"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MessageActionAttribute(string? data = null) : Attribute
{
    /// <summary>The button data handled: exact, or a prefix when it ends with <c>*</c>; null for every callback of the plugin.</summary>
    public string? Data { get; } = data;
}

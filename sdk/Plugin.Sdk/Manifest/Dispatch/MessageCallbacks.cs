using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// A pressed message button, <c>[PLUGIN]Id|data</c> (see <see cref="MessageButton.Callback"/>), routed the one way the
/// host and the test kit both route it: the plugin id compares without case (as the host finds installed plugins),
/// the plugin first receives the raw <see cref="EventType.MessageAction"/> event (for handlers written in the seed's
/// style), then every <c>[MessageAction]</c> whose data matches runs, in declaration order.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MessageCallbacks
{
    /// <summary>Splits <c>[PLUGIN]Id|data</c>; false for any other text.</summary>
    public static bool TryParse(string? text, out string pluginId, out string data) =>
        MessageButton.TryParseCallback(text, out pluginId, out data);

    /// <summary>Whether a callback addressed to <paramref name="pluginId"/> belongs to the plugin <paramref name="descriptorId"/>.</summary>
    public static bool IsFor(string pluginId, string descriptorId) =>
        string.Equals(pluginId, descriptorId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The handlers among <paramref name="actions"/> that <paramref name="data"/> reaches, in declaration order.</summary>
    public static IReadOnlyList<MessageActionDescriptor> HandlersFor(IEnumerable<MessageActionDescriptor> actions, string data)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(data);
        return actions.Where(a => a.Matches(data)).ToList();
    }

    /// <summary>The raw event raised before the handlers run.</summary>
    public static MessageActionEventData EventData(string pluginId, string data, string? userId, string? channel, string? source) =>
        new() { PluginId = pluginId, Text = data, Userid = userId, Channel = channel, Source = source };
}

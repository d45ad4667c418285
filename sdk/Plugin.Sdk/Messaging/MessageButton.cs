namespace Plugin.Sdk;

/// <summary>A message button: a callback (<c>[PLUGIN]Id|data</c>) or a link.</summary>
public sealed class MessageButton
{
    /// <summary>The button's label.</summary>
    public required string Text { get; set; }
    /// <summary>What the channel sends back when the button is pressed; set by <see cref="Callback"/>. JSON <c>callback_data</c>.</summary>
    public string? CallbackData { get; set; }
    /// <summary>The link a link button opens.</summary>
    public string? Url { get; set; }

    /// <summary>The prefix MoviePilot uses to route a callback to a plugin.</summary>
    public const string PluginPrefix = "[PLUGIN]";

    /// <summary>A button whose press is delivered to <paramref name="pluginId"/>'s <see cref="MessageActionAttribute"/> handlers.</summary>
    public static MessageButton Callback(string pluginId, string text, string data) =>
        new() { Text = text, CallbackData = $"{PluginPrefix}{pluginId}|{data}" };

    /// <summary>A button that opens <paramref name="url"/>.</summary>
    public static MessageButton Link(string text, string url) => new() { Text = text, Url = url };

    /// <summary>Splits <c>[PLUGIN]Id|data</c>; false for any other text.</summary>
    public static bool TryParseCallback(string? callbackData, out string pluginId, out string data)
    {
        pluginId = data = "";
        if (callbackData is null || !callbackData.StartsWith(PluginPrefix, StringComparison.Ordinal)) return false;
        var rest = callbackData.AsSpan(PluginPrefix.Length);
        var bar = rest.IndexOf('|');
        if (bar <= 0) return false;
        pluginId = rest[..bar].ToString();
        data = rest[(bar + 1)..].ToString();
        return true;
    }
}

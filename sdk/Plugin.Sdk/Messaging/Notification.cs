using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>A message to users (the seed's <c>post_message</c>), with optional interactive buttons.</summary>
public sealed class Notification
{
    public string? Title { get; set; }
    public string? Text { get; set; }
    public string? Image { get; set; }
    public string? Link { get; set; }
    /// <summary>Recipient; <c>null</c> sends to the administrators.</summary>
    public string? Userid { get; set; }
    public string? Channel { get; set; }
    /// <summary>MoviePilot's notification type, e.g. <c>插件</c>, <c>站点</c>, <c>整理入库</c>.</summary>
    public string? Type { get; set; }
    /// <summary>Rows of buttons; see <see cref="MessageButton.Callback"/>.</summary>
    public List<List<MessageButton>>? Buttons { get; set; }
    /// <summary>When set, channels that can edit messages update this message instead of sending a new one.</summary>
    public string? OriginalMessageId { get; set; }
    public string? OriginalChatId { get; set; }
}

/// <summary>A message button: a callback (<c>[PLUGIN]Id|data</c>) or a link.</summary>
public sealed class MessageButton
{
    public required string Text { get; set; }
    public string? CallbackData { get; set; }
    public string? Url { get; set; }

    /// <summary>The prefix MoviePilot uses to route a callback to a plugin.</summary>
    public const string PluginPrefix = "[PLUGIN]";

    /// <summary>A button whose press is delivered to <paramref name="pluginId"/>'s <see cref="MessageActionAttribute"/> handlers.</summary>
    public static MessageButton Callback(string pluginId, string text, string data) =>
        new() { Text = text, CallbackData = $"{PluginPrefix}{pluginId}|{data}" };

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

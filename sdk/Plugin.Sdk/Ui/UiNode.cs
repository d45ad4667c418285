using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Ui;

/// <summary>
/// One element of the seed's Vuetify JSON: <c>component</c>, <c>props</c>, <c>content</c>, <c>text</c>, <c>html</c>,
/// <c>events</c>. Build it with <see cref="Ui"/>, or wrap JSON you already have with <see cref="Raw(JsonObject)"/>.
/// In config forms the prop <c>model</c> binds a config key (v-model) and <c>show</c> works as v-show.
/// </summary>
[JsonConverter(typeof(UiNodeJsonConverter))]
public sealed class UiNode
{
    private readonly JsonObject? _raw;

    /// <summary>An element of <paramref name="component"/>, e.g. <c>VCard</c> or <c>div</c>.</summary>
    public UiNode(string component) => Component = component;

    private UiNode(JsonObject raw)
    {
        _raw = raw;
        Component = raw["component"]?.GetValue<string>() ?? "div";
    }

    /// <summary>The component name.</summary>
    public string Component { get; }
    /// <summary>The component's props; a <see cref="UiNode"/> value is written as an element.</summary>
    public Dictionary<string, object?> Props { get; } = new(StringComparer.Ordinal);
    /// <summary>The child elements.</summary>
    public List<UiNode> Content { get; } = [];
    /// <summary>Plain text content.</summary>
    public string? Text { get; set; }
    /// <summary>HTML content.</summary>
    public string? Html { get; set; }
    /// <summary>Events by name (e.g. <c>click</c>), each calling an API.</summary>
    public Dictionary<string, UiEvent> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>Wraps hand-written JSON; it is emitted unchanged.</summary>
    public static UiNode Raw(JsonObject json) => new(json);

    /// <summary>Wraps hand-written JSON text; it is emitted unchanged.</summary>
    public static UiNode Raw(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A UI node must be a JSON object."));

    /// <summary>Sets prop <paramref name="name"/> and returns this element.</summary>
    public UiNode Prop(string name, object? value)
    {
        Props[name] = value;
        return this;
    }

    /// <summary>Sets several props and returns this element.</summary>
    public UiNode WithProps(IEnumerable<KeyValuePair<string, object?>> props)
    {
        foreach (var (key, value) in props) Props[key] = value;
        return this;
    }

    /// <summary>Adds children (nulls are skipped) and returns this element.</summary>
    public UiNode Add(params UiNode?[] children)
    {
        foreach (var child in children)
            if (child is not null) Content.Add(child);
        return this;
    }

    /// <summary>Adds children and returns this element.</summary>
    public UiNode Add(IEnumerable<UiNode> children)
    {
        Content.AddRange(children);
        return this;
    }

    /// <summary>Sets <see cref="Text"/> and returns this element.</summary>
    public UiNode WithText(string? text)
    {
        Text = text;
        return this;
    }

    /// <summary>Sets <see cref="Html"/> and returns this element.</summary>
    public UiNode WithHtml(string? html)
    {
        Html = html;
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> on event <paramref name="eventName"/>; returns this element.</summary>
    public UiNode On(string eventName, UiEvent handler)
    {
        Events[eventName] = handler;
        return this;
    }

    /// <summary>The element as MoviePilot's Vuetify JSON.</summary>
    public JsonObject ToJson()
    {
        if (_raw is not null) return (JsonObject)_raw.DeepClone();
        var json = new JsonObject { ["component"] = Component };
        if (Props.Count > 0)
        {
            var props = new JsonObject();
            foreach (var (key, value) in Props)
                props[key] = value is UiNode node ? node.ToJson() : JsonSerializer.SerializeToNode(value, PluginJson.Options);
            json["props"] = props;
        }
        if (Text is not null) json["text"] = Text;
        if (Html is not null) json["html"] = Html;
        if (Events.Count > 0)
        {
            var events = new JsonObject();
            foreach (var (key, value) in Events) events[key] = value.ToJson();
            json["events"] = events;
        }
        if (Content.Count > 0) json["content"] = new JsonArray(Content.Select(c => (JsonNode)c.ToJson()).ToArray());
        return json;
    }

    /// <summary>The element's JSON text.</summary>
    public override string ToString() => ToJson().ToJsonString(PluginJson.Options);

    /// <summary>Serialises a list of nodes as a JSON array.</summary>
    public static JsonArray ToJson(IEnumerable<UiNode> nodes) => new(nodes.Select(n => (JsonNode)n.ToJson()).ToArray());
}

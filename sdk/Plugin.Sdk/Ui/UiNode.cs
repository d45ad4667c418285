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

    public UiNode(string component) => Component = component;

    private UiNode(JsonObject raw)
    {
        _raw = raw;
        Component = raw["component"]?.GetValue<string>() ?? "div";
    }

    public string Component { get; }
    public Dictionary<string, object?> Props { get; } = new(StringComparer.Ordinal);
    public List<UiNode> Content { get; } = [];
    public string? Text { get; set; }
    public string? Html { get; set; }
    public Dictionary<string, UiEvent> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>Wraps hand-written JSON; it is emitted unchanged.</summary>
    public static UiNode Raw(JsonObject json) => new(json);

    public static UiNode Raw(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A UI node must be a JSON object."));

    public UiNode Prop(string name, object? value)
    {
        Props[name] = value;
        return this;
    }

    public UiNode WithProps(IEnumerable<KeyValuePair<string, object?>> props)
    {
        foreach (var (key, value) in props) Props[key] = value;
        return this;
    }

    public UiNode Add(params UiNode?[] children)
    {
        foreach (var child in children)
            if (child is not null) Content.Add(child);
        return this;
    }

    public UiNode Add(IEnumerable<UiNode> children)
    {
        Content.AddRange(children);
        return this;
    }

    public UiNode WithText(string? text)
    {
        Text = text;
        return this;
    }

    public UiNode WithHtml(string? html)
    {
        Html = html;
        return this;
    }

    public UiNode On(string eventName, UiEvent handler)
    {
        Events[eventName] = handler;
        return this;
    }

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

    public override string ToString() => ToJson().ToJsonString(PluginJson.Options);

    /// <summary>Serialises a list of nodes as a JSON array.</summary>
    public static JsonArray ToJson(IEnumerable<UiNode> nodes) => new(nodes.Select(n => (JsonNode)n.ToJson()).ToArray());
}

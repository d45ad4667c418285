namespace Plugin.Sdk.Ui;

/// <summary>
/// Typed shortcuts for the Vuetify components plugins use most. Anything else: <c>new UiNode("VAnyComponent")</c>.
/// </summary>
public static class Ui
{
    /// <summary>Any component <paramref name="name"/>, with <paramref name="props"/> (an object whose properties become props) and children.</summary>
    public static UiNode Component(string name, object? props = null, params UiNode?[] content)
    {
        var node = new UiNode(name);
        if (props is not null)
        {
            foreach (var property in System.Text.Json.JsonSerializer.SerializeToElement(props, PluginJson.Options).EnumerateObject())
                node.Props[property.Name] = property.Value;
        }
        return node.Add(content);
    }

    /// <summary>A <c>VForm</c> holding <paramref name="content"/>.</summary>
    public static UiNode Form(params UiNode?[] content) => new UiNode("VForm").Add(content);

    /// <summary>A <c>VRow</c> holding <paramref name="content"/>.</summary>
    public static UiNode Row(params UiNode?[] content) => new UiNode("VRow").Add(content);

    /// <summary>A <c>VCol</c> <paramref name="cols"/> of 12 wide (<paramref name="md"/> of 12 on medium screens).</summary>
    public static UiNode Col(int cols = 12, int? md = null, params UiNode?[] content)
    {
        var node = new UiNode("VCol").Prop("cols", cols);
        if (md is not null) node.Prop("md", md);
        return node.Add(content);
    }

    /// <summary>A <c>VCard</c> with an optional title and <paramref name="content"/> as its text.</summary>
    public static UiNode Card(string? title = null, params UiNode?[] content)
    {
        var card = new UiNode("VCard");
        if (title is not null) card.Add(new UiNode("VCardItem").Add(new UiNode("VCardTitle").WithText(title)));
        return card.Add(new UiNode("VCardText").Add(content));
    }

    /// <summary>An element (<c>div</c> by default) showing plain <paramref name="text"/>.</summary>
    public static UiNode Text(string text, string component = "div") => new UiNode(component).WithText(text);

    /// <summary>An element (<c>div</c> by default) showing <paramref name="html"/> as HTML.</summary>
    public static UiNode Html(string html, string component = "div") => new UiNode(component).WithHtml(html);

    /// <summary>A <c>VAlert</c> of <paramref name="type"/> (<c>info</c>, <c>success</c>, <c>warning</c>, <c>error</c>).</summary>
    public static UiNode Alert(string text, string type = "info", string variant = "tonal") =>
        new UiNode("VAlert").Prop("type", type).Prop("variant", variant).Prop("text", text);

    /// <summary>A switch bound to config key <paramref name="model"/>.</summary>
    public static UiNode Switch(string model, string label, string? hint = null) =>
        Field("VSwitch", model, label, hint);

    /// <summary>A text field bound to config key <paramref name="model"/>; <paramref name="type"/> may be e.g. <c>password</c> or <c>number</c>.</summary>
    public static UiNode TextField(string model, string label, string? hint = null, string? placeholder = null, string? type = null)
    {
        var node = Field("VTextField", model, label, hint);
        if (placeholder is not null) node.Prop("placeholder", placeholder);
        if (type is not null) node.Prop("type", type);
        return node;
    }

    /// <summary>A multi-line text field bound to config key <paramref name="model"/>.</summary>
    public static UiNode TextArea(string model, string label, string? hint = null, int rows = 3) =>
        Field("VTextarea", model, label, hint).Prop("rows", rows);

    /// <summary>A crontab field (MoviePilot's <c>VCronField</c>).</summary>
    public static UiNode Cron(string model, string label, string? hint = null) =>
        Field("VCronField", model, label, hint);

    /// <summary>A select bound to config key <paramref name="model"/>, offering <paramref name="items"/>.</summary>
    public static UiNode Select(string model, string label, IEnumerable<SelectItem> items, bool multiple = false, bool chips = false, string? hint = null)
    {
        var node = Field("VSelect", model, label, hint).Prop("items", items.Select(i => new Dictionary<string, object?> { ["title"] = i.Title, ["value"] = i.Value }).ToList());
        if (multiple) node.Prop("multiple", true);
        if (chips) node.Prop("chips", true);
        return node;
    }

    /// <summary>A free-entry list of values bound to config key <paramref name="model"/>.</summary>
    public static UiNode Combobox(string model, string label, string? hint = null) =>
        Field("VCombobox", model, label, hint).Prop("multiple", true).Prop("chips", true).Prop("clearable", true);

    /// <summary>A <c>VBtn</c> labelled <paramref name="text"/>, calling <paramref name="onClick"/> when pressed.</summary>
    public static UiNode Button(string text, UiEvent? onClick = null, string color = "primary", string variant = "flat")
    {
        var node = new UiNode("VBtn").Prop("color", color).Prop("variant", variant).WithText(text);
        return onClick is null ? node : node.On("click", onClick);
    }

    /// <summary>A plain table: a header row and body rows of text cells.</summary>
    public static UiNode Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string?>> rows, bool hover = true)
    {
        var head = new UiNode("thead").Add(new UiNode("tr").Add(headers.Select(h => new UiNode("th").WithText(h))));
        var body = new UiNode("tbody").Add(rows.Select(r => new UiNode("tr").Add(r.Select(c => new UiNode("td").WithText(c ?? "")))));
        return new UiNode("VTable").Prop("hover", hover).Add(head, body);
    }

    /// <summary>An ApexCharts chart (MoviePilot's frontend registers <c>VApexChart</c>).</summary>
    public static UiNode Chart(string type, object options, object series, int height = 300) =>
        new UiNode("VApexChart").Prop("type", type).Prop("options", options).Prop("series", series).Prop("height", height);

    /// <summary>A small <c>VChip</c> labelled <paramref name="text"/>.</summary>
    public static UiNode Chip(string text, string? color = null, string size = "small")
    {
        var node = new UiNode("VChip").Prop("size", size).WithText(text);
        return color is null ? node : node.Prop("color", color);
    }

    private static UiNode Field(string component, string model, string label, string? hint)
    {
        var node = new UiNode(component).Prop("model", model).Prop("label", label);
        if (hint is not null) node.Prop("hint", hint).Prop("persistent-hint", true);
        return node;
    }
}

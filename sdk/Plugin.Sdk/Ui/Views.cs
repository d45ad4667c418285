using System.Text.Json.Nodes;

namespace Plugin.Sdk.Ui;

/// <summary>A config form: the seed's <c>get_form()</c> pair of elements and default model.</summary>
public sealed class FormView(IReadOnlyList<UiNode> conf, JsonObject model)
{
    public IReadOnlyList<UiNode> Conf { get; } = conf;
    public JsonObject Model { get; } = model;

    public JsonObject ToJson() => new() { ["conf"] = UiNode.ToJson(Conf), ["model"] = Model.DeepClone() };
}

/// <summary>What a <see cref="DashboardAttribute"/> method returns: the elements, and optional layout overrides.</summary>
public sealed class DashboardView
{
    public DashboardView(params UiNode[] elements) => Elements = [.. elements];

    public DashboardView(IEnumerable<UiNode> elements) => Elements = [.. elements];

    public List<UiNode> Elements { get; }
    public int? Cols { get; init; }
    public int? Md { get; init; }
    public int? Refresh { get; init; }
    public bool? Border { get; init; }
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
}

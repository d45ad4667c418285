using System.Text.Json.Nodes;

namespace Plugin.Sdk.Ui;

/// <summary>
/// A config form: the seed's <c>get_form()</c> pair of elements and default model, answered as
/// <c>{render_mode, conf, model}</c>. <see cref="Vue"/> makes a form drawn by the plugin's own module instead.
/// </summary>
public sealed class FormView(IReadOnlyList<UiNode> conf, JsonObject model)
{
    /// <summary>The form's elements (Vuetify JSON).</summary>
    public IReadOnlyList<UiNode> Conf { get; } = conf;
    /// <summary>The default model: config keys and their values.</summary>
    public JsonObject Model { get; } = model;

    /// <summary><see cref="RenderMode.Vuetify"/> (default): the UI renders <see cref="Conf"/>. <see cref="RenderMode.Vue"/>: it
    /// shows the <c>Config</c> component of the plugin's module with <see cref="Model"/> (overlaid with the saved config).</summary>
    public RenderMode RenderMode { get; init; }

    /// <summary>
    /// A config form drawn by the <c>Config</c> export of the plugin's own module (<see cref="RenderMode.Vue"/>). The
    /// component gets <paramref name="model"/> (with the saved config laid over it) as its <c>model</c> prop and emits
    /// <c>save</c> with the model to store. Declare <c>[Plugin(RenderMode = RenderMode.Vue)]</c> so the module is packed.
    /// </summary>
    public static FormView Vue(JsonObject model) => new([], model) { RenderMode = RenderMode.Vue };

    /// <summary>The form as MoviePilot answers it: <c>{render_mode, conf, model}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["render_mode"] = RenderMode.WireName(),
        ["conf"] = UiNode.ToJson(Conf),
        ["model"] = Model.DeepClone(),
    };
}

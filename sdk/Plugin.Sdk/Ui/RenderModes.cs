namespace Plugin.Sdk.Ui;

public static class RenderModes
{
    /// <summary>The value MoviePilot's API and web UI use: <c>"vuetify"</c> or <c>"vue"</c>.</summary>
    public static string WireName(this RenderMode mode) => mode == RenderMode.Vue ? "vue" : "vuetify";
}

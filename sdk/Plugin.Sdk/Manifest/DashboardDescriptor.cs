using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Manifest;

/// <summary>A dashboard widget (<c>[Dashboard]</c>).</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record DashboardDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public DashboardDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public DashboardDescriptor(string Key, string Name, int Cols, int Md, int Refresh, bool Border, string? Title, string? Subtitle, Func<IPlugin, DashboardRequest, CancellationToken, ValueTask<DashboardView>> Render)
    {
        this.Key = Key;
        this.Name = Name;
        this.Cols = Cols;
        this.Md = Md;
        this.Refresh = Refresh;
        this.Border = Border;
        this.Title = Title;
        this.Subtitle = Subtitle;
        this.Render = Render;
    }

    /// <summary>The widget's key, unique within the plugin.</summary>
    public required string Key { get; init; }

    /// <summary>The widget's name in the dashboard settings.</summary>
    public required string Name { get; init; }

    /// <summary>The widget's grid columns on small screens (1-12).</summary>
    public int Cols { get; init; }

    /// <summary>The widget's grid columns on medium and larger screens (1-12).</summary>
    public int Md { get; init; }

    /// <summary>Seconds between refreshes; 0 never refreshes.</summary>
    public int Refresh { get; init; }

    /// <summary>Whether the widget is drawn in a card with a border.</summary>
    public bool Border { get; init; }

    /// <summary>The card's title, if any.</summary>
    public string? Title { get; init; }

    /// <summary>The card's subtitle, if any.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Builds the widget on the plugin instance.</summary>
    public required Func<IPlugin, DashboardRequest, CancellationToken, ValueTask<DashboardView>> Render { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Key, out string Name, out int Cols, out int Md, out int Refresh, out bool Border, out string? Title, out string? Subtitle, out Func<IPlugin, DashboardRequest, CancellationToken, ValueTask<DashboardView>> Render)
    {
        Key = this.Key;
        Name = this.Name;
        Cols = this.Cols;
        Md = this.Md;
        Refresh = this.Refresh;
        Border = this.Border;
        Title = this.Title;
        Subtitle = this.Subtitle;
        Render = this.Render;
    }
}

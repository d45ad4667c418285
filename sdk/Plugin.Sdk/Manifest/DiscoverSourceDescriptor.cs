using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Manifest;

/// <summary>A discover source (<c>[DiscoverSource]</c> on an API): the host lists it in the discover page's sources.</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record DiscoverSourceDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public DiscoverSourceDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public DiscoverSourceDescriptor(string Name, string MediaIdPrefix, string ApiPath, IReadOnlyList<string> FilterParams, Func<IPlugin, IReadOnlyList<UiNode>>? FilterUi)
    {
        this.Name = Name;
        this.MediaIdPrefix = MediaIdPrefix;
        this.ApiPath = ApiPath;
        this.FilterParams = FilterParams;
        this.FilterUi = FilterUi;
    }

    /// <summary>The source's display name.</summary>
    public required string Name { get; init; }

    /// <summary>The prefix of media ids the source returns.</summary>
    public required string MediaIdPrefix { get; init; }

    /// <summary>The plugin API that returns the source's items.</summary>
    public required string ApiPath { get; init; }

    /// <summary>The API's query parameters the filter UI sets.</summary>
    public required IReadOnlyList<string> FilterParams { get; init; }

    /// <summary>Builds the filter UI on the plugin instance, if the source has one.</summary>
    public Func<IPlugin, IReadOnlyList<UiNode>>? FilterUi { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Name, out string MediaIdPrefix, out string ApiPath, out IReadOnlyList<string> FilterParams, out Func<IPlugin, IReadOnlyList<UiNode>>? FilterUi)
    {
        Name = this.Name;
        MediaIdPrefix = this.MediaIdPrefix;
        ApiPath = this.ApiPath;
        FilterParams = this.FilterParams;
        FilterUi = this.FilterUi;
    }
}

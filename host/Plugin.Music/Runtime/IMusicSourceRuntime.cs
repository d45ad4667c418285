using System.Text.Json.Nodes;
using Plugin.Sdk.Music;

namespace Plugin.Music.Runtime;

/// <summary>
/// One loaded music source, JavaScript (<see cref="JsMusicSource"/>) or C# (<see cref="ClrMusicSource"/>): the
/// service calls both the same way, with the seed's arguments and results as JSON.
/// </summary>
public interface IMusicSourceRuntime : IDisposable
{
    /// <summary>The plugin's properties, with the seed's defaults filled in.</summary>
    MusicSourceManifest Manifest { get; }

    MusicSourceKind Kind { get; }

    /// <summary>The seed functions this source implements.</summary>
    IReadOnlyList<string> Functions { get; }

    /// <summary>
    /// Calls <paramref name="function"/> with <paramref name="arguments"/> (the function's arguments in order).
    /// Returns the JSON of what it resolved to (null for null/undefined). Throws
    /// <see cref="MusicFunctionNotSupportedException"/> for a function the source lacks, <see cref="MusicPluginException"/>
    /// when the plugin fails.
    /// </summary>
    Task<JsonNode?> InvokeAsync(string function, JsonArray arguments, IReadOnlyDictionary<string, string> userVariables,
        CancellationToken cancellationToken);
}

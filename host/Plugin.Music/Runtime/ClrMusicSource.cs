using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Music;

namespace Plugin.Music.Runtime;

/// <summary>
/// Adapts a C# <see cref="IMusicSource"/> to the runtime abstraction: JSON arguments become the typed models, the
/// typed result becomes JSON with the seed's names, and <see cref="MusicEnvironment.Current"/> carries the user
/// variables for the call. A function is supported when the class overrides the interface's default method.
/// </summary>
public sealed class ClrMusicSource : IMusicSourceRuntime
{
    private readonly IMusicSource _source;
    private readonly MusicSourceOptions _options;

    public ClrMusicSource(IMusicSource source, MusicSourceManifest? manifest = null, MusicSourceOptions? options = null,
        IReadOnlyList<string>? functions = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _options = options ?? new MusicSourceOptions();
        Manifest = manifest ?? ManifestOf(source.GetType());
        Functions = functions ?? ImplementedFunctions(source.GetType());
    }

    public MusicSourceManifest Manifest { get; }

    public MusicSourceKind Kind => MusicSourceKind.CSharp;

    public IReadOnlyList<string> Functions { get; }

    public IMusicSource Source => _source;

    /// <summary>Reads <see cref="MusicSourceAttribute"/> and <see cref="MusicUserVariableAttribute"/> of a class.</summary>
    public static MusicSourceManifest ManifestOf(Type type)
    {
        var attribute = type.GetCustomAttribute<MusicSourceAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} implements IMusicSource but has no [MusicSource(\"platform\")] attribute.");
        var variables = type.GetCustomAttributes<MusicUserVariableAttribute>()
            .Select(v => new UserVariable { Key = v.Key, Name = v.Name, Title = v.Name, Hint = v.Hint }).ToList();
        var searchTypes = attribute.SupportedSearchType?.Select(t => MusicNames.TryParseSearchType(t, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"[MusicSource] on {type.FullName}: unknown search type '{t}' (music, album, artist, sheet, lyric).")).ToList();
        return new MusicSourceManifest
        {
            Platform = attribute.Platform,
            Version = attribute.Version,
            Author = attribute.Author,
            Description = attribute.Description,
            SrcUrl = attribute.SrcUrl,
            PrimaryKey = attribute.PrimaryKey is { Length: > 0 } keys ? [.. keys] : ["id"],
            CacheControl = attribute.CacheControl,
            SupportedSearchType = searchTypes,
            Hints = attribute.ImportMusicItemHints is null && attribute.ImportMusicSheetHints is null ? null : new MusicSourceHints
            {
                ImportMusicItem = attribute.ImportMusicItemHints?.ToList(),
                ImportMusicSheet = attribute.ImportMusicSheetHints?.ToList(),
            },
            UserVariables = variables.Count > 0 ? variables : null,
        };
    }

    private static readonly Dictionary<string, string> MethodFunctions = new()
    {
        [nameof(IMusicSource.SearchAsync)] = MusicFunctions.Search,
        [nameof(IMusicSource.GetMediaSourceAsync)] = MusicFunctions.GetMediaSource,
        [nameof(IMusicSource.GetMusicInfoAsync)] = MusicFunctions.GetMusicInfo,
        [nameof(IMusicSource.GetLyricAsync)] = MusicFunctions.GetLyric,
        [nameof(IMusicSource.GetAlbumInfoAsync)] = MusicFunctions.GetAlbumInfo,
        [nameof(IMusicSource.GetMusicSheetInfoAsync)] = MusicFunctions.GetMusicSheetInfo,
        [nameof(IMusicSource.GetArtistWorksAsync)] = MusicFunctions.GetArtistWorks,
        [nameof(IMusicSource.ImportMusicItemAsync)] = MusicFunctions.ImportMusicItem,
        [nameof(IMusicSource.ImportMusicSheetAsync)] = MusicFunctions.ImportMusicSheet,
        [nameof(IMusicSource.GetTopListsAsync)] = MusicFunctions.GetTopLists,
        [nameof(IMusicSource.GetTopListDetailAsync)] = MusicFunctions.GetTopListDetail,
        [nameof(IMusicSource.GetRecommendSheetTagsAsync)] = MusicFunctions.GetRecommendSheetTags,
        [nameof(IMusicSource.GetRecommendSheetsByTagAsync)] = MusicFunctions.GetRecommendSheetsByTag,
    };

    private static IReadOnlyList<string> ImplementedFunctions(Type type)
    {
        // The interface map names the interface's own default body for a method the class does not implement.
        var map = type.GetInterfaceMap(typeof(IMusicSource));
        var implemented = new HashSet<string>();
        for (var i = 0; i < map.InterfaceMethods.Length; i++)
            if (map.TargetMethods[i].DeclaringType != typeof(IMusicSource) && MethodFunctions.TryGetValue(map.InterfaceMethods[i].Name, out var f))
                implemented.Add(f);
        return MusicFunctions.All.Where(implemented.Contains).ToArray();
    }

    public async Task<JsonNode?> InvokeAsync(string function, JsonArray arguments, IReadOnlyDictionary<string, string> userVariables,
        CancellationToken cancellationToken)
    {
        if (!Functions.Contains(function)) throw new MusicFunctionNotSupportedException(function);
        var previous = MusicEnvironment.Current;
        MusicEnvironment.Current = new MusicEnvironment
        {
            UserVariables = userVariables, AppVersion = _options.AppVersion, Os = _options.Os, Lang = _options.Lang,
        };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.CallTimeout);
        var token = cts.Token;
        try
        {
            object? result = function switch
            {
                MusicFunctions.Search => await _source.SearchAsync(Arg<string>(arguments, 0, function), Page(arguments, 1), SearchType(arguments, 2, function), token),
                MusicFunctions.GetMediaSource => await _source.GetMediaSourceAsync(Arg<MusicItem>(arguments, 0, function), Quality(arguments, 1, function), token),
                MusicFunctions.GetMusicInfo => await _source.GetMusicInfoAsync(Arg<MusicItem>(arguments, 0, function), token),
                MusicFunctions.GetLyric => await _source.GetLyricAsync(Arg<MusicItem>(arguments, 0, function), token),
                MusicFunctions.GetAlbumInfo => await _source.GetAlbumInfoAsync(Arg<AlbumItem>(arguments, 0, function), Page(arguments, 1), token),
                MusicFunctions.GetMusicSheetInfo => await _source.GetMusicSheetInfoAsync(Arg<MusicSheetItem>(arguments, 0, function), Page(arguments, 1), token),
                MusicFunctions.GetArtistWorks => await _source.GetArtistWorksAsync(Arg<ArtistItem>(arguments, 0, function), Page(arguments, 1), SearchType(arguments, 2, function), token),
                MusicFunctions.ImportMusicItem => await _source.ImportMusicItemAsync(Arg<string>(arguments, 0, function), token),
                MusicFunctions.ImportMusicSheet => await _source.ImportMusicSheetAsync(Arg<string>(arguments, 0, function), token),
                MusicFunctions.GetTopLists => await _source.GetTopListsAsync(token),
                MusicFunctions.GetTopListDetail => await _source.GetTopListDetailAsync(Arg<MusicSheetItem>(arguments, 0, function), Page(arguments, 1), token),
                MusicFunctions.GetRecommendSheetTags => await _source.GetRecommendSheetTagsAsync(token),
                MusicFunctions.GetRecommendSheetsByTag => await _source.GetRecommendSheetsByTagAsync(Arg<SheetTag>(arguments, 0, function), Page(arguments, 1), token),
                _ => throw new MusicFunctionNotSupportedException(function),
            };
            return result is null ? null : JsonSerializer.SerializeToNode(result, result.GetType(), MusicJson.Options);
        }
        catch (MusicFunctionNotSupportedException) { throw; }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MusicPluginLimitException(Manifest.Platform, function, $"time limit of {_options.CallTimeout.TotalSeconds:0.#} s exceeded");
        }
        catch (Exception e) when (e is not OperationCanceledException and not MusicPluginException)
        {
            throw new MusicPluginException(Manifest.Platform, function, e.Message, e.StackTrace, e);
        }
        finally
        {
            MusicEnvironment.Current = previous;
        }
    }

    private T Arg<T>(JsonArray arguments, int index, string function)
    {
        var node = index < arguments.Count ? arguments[index] : null;
        try
        {
            return node.Deserialize<T>(MusicJson.Options)
                ?? throw new MusicPluginException(Manifest.Platform, function, $"argument {index + 1} is missing (expected {typeof(T).Name}).");
        }
        catch (JsonException e)
        {
            throw new MusicPluginException(Manifest.Platform, function, $"argument {index + 1} is not a valid {typeof(T).Name}: {e.Message}");
        }
    }

    // JSON numbers arrive as JsonElement-backed or CLR-backed values; their text is the common ground.
    private static int Page(JsonArray arguments, int index) =>
        index < arguments.Count && arguments[index] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var page)
            && page >= 1 ? (int)page : 1;

    private MusicSearchType SearchType(JsonArray arguments, int index, string function)
    {
        var text = index < arguments.Count && arguments[index] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "music";
        return MusicNames.TryParseSearchType(text, out var type) ? type
            : throw new MusicPluginException(Manifest.Platform, function, $"argument {index + 1}: unknown type '{text}' (music, album, artist, sheet, lyric).");
    }

    private MusicQuality Quality(JsonArray arguments, int index, string function)
    {
        if (index >= arguments.Count || arguments[index] is null) return MusicQuality.Standard;
        var text = arguments[index] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return MusicNames.TryParseQuality(text, out var quality) ? quality
            : throw new MusicPluginException(Manifest.Platform, function, $"argument {index + 1}: unknown quality '{text}' (low, standard, high, super).");
    }

    public void Dispose() => (_source as IDisposable)?.Dispose();
}

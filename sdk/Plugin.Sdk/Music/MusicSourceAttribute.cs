namespace Plugin.Sdk.Music;

/// <summary>
/// Marks a class implementing <see cref="IMusicSource"/> as a MusicFree-protocol music source (seed 003). The
/// generator registers it and writes its properties into <c>package.json</c>; the host runs it side by side with
/// JavaScript plugins. Properties mirror the seed's plugin properties (插件属性) with the same defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class MusicSourceAttribute(string platform) : Attribute
{
    /// <summary>The plugin name (<c>platform</c>); one installed source per platform. "本地" is reserved by the app.</summary>
    public string Platform { get; } = platform;

    /// <summary>Semver; default "0.0.0". Decides whether an update replaces the installed source.</summary>
    public string Version { get; set; } = "0.0.0";

    /// <summary>Fields that identify an item of this source, e.g. <c>["id", "aid"]</c>. Default <c>["id"]</c>.</summary>
    public string[] PrimaryKey { get; set; } = ["id"];

    /// <summary>Caching of getMediaSource results. Default <see cref="Music.CacheControl.NoCache"/>.</summary>
    public CacheControl CacheControl { get; set; } = CacheControl.NoCache;

    /// <summary>Search types <c>search</c> handles ("music", "album", "artist", "sheet", "lyric"); null = all.</summary>
    public string[]? SupportedSearchType { get; set; }

    /// <summary>The seed's <c>hints.importMusicItem</c>: lines shown in the "import song" dialog.</summary>
    public string[]? ImportMusicItemHints { get; set; }

    /// <summary>The seed's <c>hints.importMusicSheet</c>: lines shown in the "import sheet" dialog.</summary>
    public string[]? ImportMusicSheetHints { get; set; }

    /// <summary>The source's author (<c>author</c>).</summary>
    public string? Author { get; set; }

    /// <summary>What the source offers (<c>description</c>).</summary>
    public string? Description { get; set; }

    /// <summary>Where an update of this source is published (<c>srcUrl</c>).</summary>
    public string? SrcUrl { get; set; }
}

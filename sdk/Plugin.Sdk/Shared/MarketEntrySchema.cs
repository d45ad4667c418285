// Linked into the generator (which writes the entry), Plugin.Sdk.Build (which merges entries into package.json) and
// the host (which reads them from packages), internal in each, so every reader and writer spells the keys from one
// place. Plugin.Sdk compiles it too (every file under its folder), where it is internal and unused. Dependency-free and
// netstandard2.0-compatible because the generator and the build task run inside the compiler and MSBuild. See README.md
// in this folder.
using System.Collections.Generic;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// A plugin's market entry: its value in a MoviePilot <c>package.v2.json</c>, which a plugin package carries as
/// <c>package.json</c> (<c>{ "&lt;plugin id&gt;": { name, description, ... } }</c>). The key names, in the order the
/// generator writes them, and the rules that say which plugin an entry describes.
/// </summary>
internal static class MarketEntrySchema
{
    /// <summary>The plugin's display name (text).</summary>
    public const string Name = "name";

    /// <summary>One line about what the plugin does (text).</summary>
    public const string Description = "description";

    /// <summary>The labels, as one comma-separated text, the way MoviePilot's repositories write them.</summary>
    public const string Labels = "labels";

    /// <summary>The plugin version, the project's <c>&lt;Version&gt;</c> (a semantic version).</summary>
    public const string Version = "version";

    /// <summary>The icon's file name or URL (text); absent when the plugin names none.</summary>
    public const string Icon = "icon";

    /// <summary>The author (text); absent when not given.</summary>
    public const string Author = "author";

    /// <summary>The author's home page (text); absent when not given.</summary>
    public const string AuthorUrl = "author_url";

    /// <summary>Who may see and install the plugin in the market (number 1-3); an entry without it is level <see cref="DefaultLevel"/>.</summary>
    public const string Level = "level";

    /// <summary>Release notes: an object from version key (<c>"v1.2"</c>) to note, newest first.</summary>
    public const string History = "history";

    /// <summary><c>"vue"</c> when the plugin ships its own compiled Vue module; absent for Vuetify JSON plugins.</summary>
    public const string RenderMode = "render_mode";

    /// <summary>The assembly's C# music sources, an array of objects with <see cref="MusicSource"/>'s keys; only on
    /// the plugin that carries them (<see cref="MusicSourceOwner"/>).</summary>
    public const string Music = "music";

    /// <summary><c>true</c>: the entry follows MoviePilot's v2 plugin format.</summary>
    public const string V2 = "v2";

    /// <summary>An object with what only .NET plugins have: <see cref="PackageId"/> and <see cref="SdkVersion"/>.</summary>
    public const string Dotnet = "dotnet";

    /// <summary>Inside <see cref="Dotnet"/>: the NuGet package id, which names the project that wrote the entry.</summary>
    public const string PackageId = "package_id";

    /// <summary>Inside <see cref="Dotnet"/>: the Plugin.Sdk version the plugin was built against (MAJOR.MINOR.PATCH).</summary>
    public const string SdkVersion = "sdk_version";

    /// <summary>Inside <see cref="Dotnet"/>: what the author declares the plugin reaches for (array of names: process,
    /// filesystem, sockets, reflection-emit, native), from the project's <c>&lt;PluginCapabilities&gt;</c>; absent when
    /// none is declared. The host compares it with what it finds in the assemblies at install.</summary>
    public const string Capabilities = "capabilities";

    /// <summary>The level of an entry that has no <see cref="Level"/>: everyone may see it.</summary>
    public const int DefaultLevel = 1;

    /// <summary>The top-level keys, in the order the generator writes them.</summary>
    public static IReadOnlyList<string> Keys { get; } = new[]
    {
        Name, Description, Labels, Version, Icon, Author, AuthorUrl, Level, History, RenderMode, Music, V2, Dotnet,
    };

    /// <summary>
    /// Which of an assembly's plugins the assembly's music sources belong to: the first plugin id in ordinal order.
    /// The generator lists the sources in that plugin's entry (<see cref="Music"/>) and the host registers them with
    /// that plugin, so its enable switch and lifetime are theirs. Null when there is no plugin.
    /// </summary>
    public static string? MusicSourceOwner(IEnumerable<string> pluginIds)
    {
        string? owner = null;
        foreach (var id in pluginIds)
            if (owner is null || string.CompareOrdinal(id, owner) < 0) owner = id;
        return owner;
    }

    /// <summary>The keys of one object in <see cref="Music"/>: a MusicFree plugin's own property names.</summary>
    public static class MusicSource
    {
        /// <summary>The platform name the source registers under (text).</summary>
        public const string Platform = "platform";

        /// <summary>The source's own version (text).</summary>
        public const string Version = "version";

        /// <summary>The source's author (text); absent when not given.</summary>
        public const string Author = "author";

        /// <summary>What the source offers (text); absent when not given.</summary>
        public const string Description = "description";

        /// <summary>Where the source updates itself from (text); absent when not given.</summary>
        public const string SrcUrl = "srcUrl";

        /// <summary>The item properties that identify a song (array of text).</summary>
        public const string PrimaryKey = "primaryKey";

        /// <summary><c>"no-cache"</c>, <c>"cache"</c> or <c>"no-store"</c>.</summary>
        public const string CacheControl = "cacheControl";

        /// <summary>The search types offered (array of text); absent means every type.</summary>
        public const string SupportedSearchType = "supportedSearchType";

        /// <summary>An object with <see cref="ImportMusicItem"/> and/or <see cref="ImportMusicSheet"/>; absent when neither is given.</summary>
        public const string Hints = "hints";

        /// <summary>Inside <see cref="Hints"/>: how to import a song (array of text).</summary>
        public const string ImportMusicItem = "importMusicItem";

        /// <summary>Inside <see cref="Hints"/>: how to import a sheet (array of text).</summary>
        public const string ImportMusicSheet = "importMusicSheet";

        /// <summary>The settings a user fills in (array of objects with <see cref="VariableKey"/>, <see cref="VariableName"/>, <see cref="VariableHint"/>).</summary>
        public const string UserVariables = "userVariables";

        /// <summary>Inside a user variable: its key (text).</summary>
        public const string VariableKey = "key";

        /// <summary>Inside a user variable: its display name (text); absent when not given.</summary>
        public const string VariableName = "name";

        /// <summary>Inside a user variable: a hint shown under it (text); absent when not given.</summary>
        public const string VariableHint = "hint";

        /// <summary>The seed functions the source implements (array of text).</summary>
        public const string Functions = "functions";
    }
}

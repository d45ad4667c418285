namespace Plugin.Host.Tests;

/// <summary>Plugin packages with C# music sources, built with the real generator.</summary>
public static class MusicPlugins
{
    /// <summary>
    /// The project <c>dotnet new mpmusic -n TunesSource --Author tester</c> writes: the template's own source files, with
    /// the replacements its template.json declares done here (sourceName MySource, the author and description symbols).
    /// Plugin id TunesSourcePlugin, package TunesSource, music platform "TunesSource".
    /// </summary>
    public static string[] TemplateSources()
    {
        var template = Path.Combine(PluginPackages.RepositoryRoot(), "templates", "content", "mpmusic");
        return new[] { "MySource.cs", "MySourcePlugin.cs" }.Select(file => File.ReadAllText(Path.Combine(template, file))
            .Replace("TemplateAuthorJson", "\"tester\"").Replace("TemplateAuthorXml", "tester")
            .Replace("TemplateDescriptionJson", "\"测试音源\"").Replace("TemplateDescriptionXml", "测试音源")
            .Replace("MySource", "TunesSource")).ToArray();
    }

    /// <summary>A plugin whose source claims <paramref name="platform"/> (taken by a JavaScript plugin in the tests).</summary>
    public static string Clash(string platform) => $$"""
        using Plugin.Sdk.Music;

        namespace Clash;

        [Plugin(Name = "Clash", Description = "a C# source on a taken platform")]
        public partial class ClashPlugin : PluginBase;

        [MusicSource("{{platform}}", Version = "9.0.0")]
        public sealed class ClashSource : IMusicSource
        {
            public Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken) =>
                Task.FromResult(new SearchResult { Data = [new MusicItem { Id = "cs", Title = "from C#", Artist = "clash" }] });
        }
        """;

    /// <summary>A MusicFree JavaScript plugin, installed through the music API.</summary>
    public static string JavaScript(string platform) => $$"""
        module.exports = {
          platform: "{{platform}}",
          version: "1.0.0",
          async search(query, page, type) {
            return { isEnd: true, data: [{ id: "js1", title: "from js " + query, artist: "js" }] };
          },
        };
        """;
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Plugin.Sdk.Generators.Model;
using Schema = Plugin.Sdk.Manifest.MarketEntrySchema;

namespace Plugin.Sdk.Generators.Emitting
{
    /// <summary>
    /// Writes a plugin's market entry: the value of its key in a MoviePilot <c>package.v2.json</c>, in a fixed key
    /// order so the same source always gives the same bytes. Non-ASCII text stays readable, as in MoviePilot's repos.
    /// </summary>
    internal static class MarketJson
    {
        /// <param name="music">The assembly's [MusicSource] classes when <paramref name="plugin"/> carries them (see
        /// <see cref="ManifestEmitter"/>: the first plugin by id), otherwise empty: no "music" key is written.</param>
        public static string Write(PluginModel plugin, BuildInfo build, IReadOnlyList<MusicSourceModel>? music = null)
        {
            var json = new StringBuilder();
            json.Append('{');
            Property(json, Schema.Name, plugin.Name, first: true);
            Property(json, Schema.Description, plugin.Description);
            // MoviePilot's repositories write labels as one comma-separated string.
            Property(json, Schema.Labels, string.Join(",", plugin.Labels));
            Property(json, Schema.Version, build.Version);
            if ((plugin.Icon ?? build.DefaultIcon) is { } icon) Property(json, Schema.Icon, icon);
            if (plugin.Author is not null) Property(json, Schema.Author, plugin.Author);
            if (plugin.AuthorUrl is not null) Property(json, Schema.AuthorUrl, plugin.AuthorUrl);
            Key(json, Schema.Level).Append(plugin.Level.ToString(CultureInfo.InvariantCulture));
            Key(json, Schema.History).Append('{');
            for (var i = 0; i < plugin.History.Count; i++)
                Property(json, plugin.History[i].Version, plugin.History[i].Notes, first: i == 0);
            json.Append('}');
            // Only vue plugins carry it (MoviePilot's render_mode): the build checks their module is there, and the market
            // can tell that the package ships one. Vuetify plugins' entries stay as they were.
            if (plugin.VueRenderMode) Property(json, Schema.RenderMode, "vue");
            if (music is { Count: > 0 })
            {
                // The market shows what a package brings before it is installed; the host itself registers the
                // sources from the compiled manifest, never from this text.
                Key(json, Schema.Music).Append('[');
                for (var i = 0; i < music.Count; i++)
                {
                    if (i > 0) json.Append(',');
                    MusicSource(json, music[i]);
                }
                json.Append(']');
            }
            Key(json, Schema.V2).Append("true");
            Key(json, Schema.Dotnet).Append('{');
            Property(json, Schema.PackageId, build.PackageId ?? plugin.Id, first: true);
            Property(json, Schema.SdkVersion, build.SdkVersion);
            // What the author says the plugin reaches for; the host shows it in the market and checks it at install.
            if (build.Capabilities is { } capabilities) Array(json, Schema.Capabilities, capabilities.Split(';'));
            json.Append("}}");
            return json.ToString();
        }

        /// <summary>
        /// One source with the seed's property names and wire values (camelCase, "no-cache", "music"), as a MusicFree
        /// plugin declares them; absent optional properties are left out so the seed's defaults apply.
        /// </summary>
        private static void MusicSource(StringBuilder json, MusicSourceModel m)
        {
            json.Append('{');
            Property(json, Schema.MusicSource.Platform, m.Platform, first: true);
            Property(json, Schema.MusicSource.Version, m.Version);
            if (m.Author is not null) Property(json, Schema.MusicSource.Author, m.Author);
            if (m.Description is not null) Property(json, Schema.MusicSource.Description, m.Description);
            if (m.SrcUrl is not null) Property(json, Schema.MusicSource.SrcUrl, m.SrcUrl);
            Array(json, Schema.MusicSource.PrimaryKey, m.PrimaryKey);
            Property(json, Schema.MusicSource.CacheControl, CacheControlWire(m.CacheControl));
            if (m.SearchTypes is { } types) Array(json, Schema.MusicSource.SupportedSearchType, types.Select(t => t.ToLowerInvariant()));
            if (m.ImportMusicItemHints is not null || m.ImportMusicSheetHints is not null)
            {
                Key(json, Schema.MusicSource.Hints).Append('{');
                var first = true;
                if (m.ImportMusicItemHints is { } item) { Array(json, Schema.MusicSource.ImportMusicItem, item, first); first = false; }
                if (m.ImportMusicSheetHints is { } sheet) Array(json, Schema.MusicSource.ImportMusicSheet, sheet, first);
                json.Append('}');
            }
            if (m.UserVariables.Count > 0)
            {
                Key(json, Schema.MusicSource.UserVariables).Append('[');
                for (var i = 0; i < m.UserVariables.Count; i++)
                {
                    var v = m.UserVariables[i];
                    if (i > 0) json.Append(',');
                    json.Append('{');
                    Property(json, Schema.MusicSource.VariableKey, v.Key, first: true);
                    if (v.Name is not null) Property(json, Schema.MusicSource.VariableName, v.Name);
                    if (v.Hint is not null) Property(json, Schema.MusicSource.VariableHint, v.Hint);
                    json.Append('}');
                }
                json.Append(']');
            }
            Array(json, Schema.MusicSource.Functions, m.Functions);
            json.Append('}');
        }

        /// <summary>The member name the parser recorded, as the seed writes it (Plugin.Sdk.Music.CacheControl's wire names).</summary>
        private static string CacheControlWire(string member) => member switch
        {
            "Cache" => "cache",
            "NoStore" => "no-store",
            _ => "no-cache",
        };

        private static void Array(StringBuilder json, string name, IEnumerable<string> values, bool first = false)
        {
            if (!first) json.Append(',');
            String(json, name);
            json.Append(":[");
            var firstValue = true;
            foreach (var value in values)
            {
                if (!firstValue) json.Append(',');
                String(json, value);
                firstValue = false;
            }
            json.Append(']');
        }

        /// <summary>Starts a property that follows another: <c>,"name":</c>.</summary>
        private static StringBuilder Key(StringBuilder json, string name)
        {
            json.Append(',');
            String(json, name);
            return json.Append(':');
        }

        private static void Property(StringBuilder json, string name, string value, bool first = false)
        {
            if (!first) json.Append(',');
            String(json, name);
            json.Append(':');
            String(json, value);
        }

        private static void String(StringBuilder json, string value)
        {
            json.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    case '\n': json.Append("\\n"); break;
                    case '\r': json.Append("\\r"); break;
                    case '\t': json.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c is '\u2028' or '\u2029') json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else json.Append(c);
                        break;
                }
            }
            json.Append('"');
        }
    }
}

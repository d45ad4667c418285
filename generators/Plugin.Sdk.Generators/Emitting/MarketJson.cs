using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Plugin.Sdk.Generators.Model;

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
            Property(json, "name", plugin.Name, first: true);
            Property(json, "description", plugin.Description);
            // MoviePilot's repositories write labels as one comma-separated string.
            Property(json, "labels", string.Join(",", plugin.Labels));
            Property(json, "version", build.Version);
            if ((plugin.Icon ?? build.DefaultIcon) is { } icon) Property(json, "icon", icon);
            if (plugin.Author is not null) Property(json, "author", plugin.Author);
            if (plugin.AuthorUrl is not null) Property(json, "author_url", plugin.AuthorUrl);
            json.Append(",\"level\":").Append(plugin.Level.ToString(CultureInfo.InvariantCulture));
            json.Append(",\"history\":{");
            for (var i = 0; i < plugin.History.Count; i++)
                Property(json, plugin.History[i].Version, plugin.History[i].Notes, first: i == 0);
            json.Append('}');
            // Only vue plugins carry it (MoviePilot's render_mode): the build checks their module is there, and the market
            // can tell that the package ships one. Vuetify plugins' entries stay as they were.
            if (plugin.VueRenderMode) Property(json, "render_mode", "vue");
            if (music is { Count: > 0 })
            {
                // The market shows what a package brings before it is installed; the host itself registers the
                // sources from the compiled manifest, never from this text.
                json.Append(",\"music\":[");
                for (var i = 0; i < music.Count; i++)
                {
                    if (i > 0) json.Append(',');
                    MusicSource(json, music[i]);
                }
                json.Append(']');
            }
            json.Append(",\"v2\":true");
            json.Append(",\"dotnet\":{");
            Property(json, "package_id", build.PackageId ?? plugin.Id, first: true);
            Property(json, "sdk_version", build.SdkVersion);
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
            Property(json, "platform", m.Platform, first: true);
            Property(json, "version", m.Version);
            if (m.Author is not null) Property(json, "author", m.Author);
            if (m.Description is not null) Property(json, "description", m.Description);
            if (m.SrcUrl is not null) Property(json, "srcUrl", m.SrcUrl);
            Array(json, "primaryKey", m.PrimaryKey);
            Property(json, "cacheControl", CacheControlWire(m.CacheControl));
            if (m.SearchTypes is { } types) Array(json, "supportedSearchType", types.Select(t => t.ToLowerInvariant()));
            if (m.ImportMusicItemHints is not null || m.ImportMusicSheetHints is not null)
            {
                json.Append(",\"hints\":{");
                var first = true;
                if (m.ImportMusicItemHints is { } item) { Array(json, "importMusicItem", item, first); first = false; }
                if (m.ImportMusicSheetHints is { } sheet) Array(json, "importMusicSheet", sheet, first);
                json.Append('}');
            }
            if (m.UserVariables.Count > 0)
            {
                json.Append(",\"userVariables\":[");
                for (var i = 0; i < m.UserVariables.Count; i++)
                {
                    var v = m.UserVariables[i];
                    if (i > 0) json.Append(',');
                    json.Append('{');
                    Property(json, "key", v.Key, first: true);
                    if (v.Name is not null) Property(json, "name", v.Name);
                    if (v.Hint is not null) Property(json, "hint", v.Hint);
                    json.Append('}');
                }
                json.Append(']');
            }
            Array(json, "functions", m.Functions);
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

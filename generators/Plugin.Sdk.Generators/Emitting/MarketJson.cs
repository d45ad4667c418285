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
        public static string Write(PluginModel plugin, BuildInfo build)
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
            json.Append(",\"v2\":true");
            json.Append(",\"dotnet\":{");
            Property(json, "package_id", build.PackageId ?? plugin.Id, first: true);
            Property(json, "sdk_version", build.SdkVersion);
            json.Append("}}");
            return json.ToString();
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

using System.Text;

namespace Plugin.Indexer.Filters;

/// <summary>Turns a Python <c>strptime</c> format into a .NET exact-parse format.</summary>
internal static class StrpTime
{
    public static string ToDotNet(string format)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '%' && i + 1 < format.Length)
            {
                var d = format[++i];
                // strptime accepts numbers with or without leading zeros, hence the single-letter .NET forms.
                sb.Append(d switch
                {
                    'Y' => "yyyy",
                    'y' => "yy",
                    'm' => "M",
                    'd' => "d",
                    'H' => "H",
                    'I' => "h",
                    'M' => "m",
                    'S' => "s",
                    'f' => "FFFFFF",
                    'p' => "tt",
                    'b' or 'h' => "MMM",
                    'B' => "MMMM",
                    'a' => "ddd",
                    'A' => "dddd",
                    'z' => "zzz",
                    '%' => "\\%",
                    _ => throw new FormatException($"dateparse: the directive %{d} is not supported"),
                });
                continue;
            }
            // Everything else is literal.
            if (char.IsLetter(c) || c is '\\' or '"' or '\'' or '%' or ':' or '/') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}

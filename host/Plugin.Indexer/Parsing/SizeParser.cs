using System.Globalization;
using System.Text;
using Plugin.Indexer.Python;

namespace Plugin.Indexer.Parsing;

/// <summary>
/// MoviePilot's <c>num_filesize</c>: "1,234.5 MB" → bytes. Every unit is a power of 1024 (KB and KiB alike), unit
/// letters are dropped wherever they appear, and the result is rounded half to even as Python's <c>round</c>.
/// </summary>
public static class SizeParser
{
    public static long Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        if (PyStr.IsDigits(text)) return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) ? whole : 0;
        var upper = text.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var number = new StringBuilder(upper.Length);
        foreach (var c in upper)
            if (c is not ('K' or 'M' or 'G' or 'T' or 'P' or 'I' or 'B')) number.Append(c);
        if (!double.TryParse(PyStr.Strip(number.ToString()), NumberStyles.Float, CultureInfo.InvariantCulture, out var size) || double.IsNaN(size) || double.IsInfinity(size))
            return 0;
        if (upper.Contains("PB", StringComparison.Ordinal) || upper.Contains("PIB", StringComparison.Ordinal)) size *= Math.Pow(1024, 5);
        else if (upper.Contains("TB", StringComparison.Ordinal) || upper.Contains("TIB", StringComparison.Ordinal)) size *= Math.Pow(1024, 4);
        else if (upper.Contains("GB", StringComparison.Ordinal) || upper.Contains("GIB", StringComparison.Ordinal)) size *= Math.Pow(1024, 3);
        else if (upper.Contains("MB", StringComparison.Ordinal) || upper.Contains("MIB", StringComparison.Ordinal)) size *= Math.Pow(1024, 2);
        else if (upper.Contains("KB", StringComparison.Ordinal) || upper.Contains("KIB", StringComparison.Ordinal)) size *= 1024;
        return (long)Math.Round(size, MidpointRounding.ToEven);
    }
}

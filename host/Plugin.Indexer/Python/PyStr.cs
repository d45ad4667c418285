namespace Plugin.Indexer.Python;

/// <summary>Python string semantics the spider's results depend on.</summary>
internal static class PyStr
{
    /// <summary>Python's <c>str.isspace()</c> set, which <c>str.strip()</c> removes (it differs from .NET's Trim).</summary>
    public static bool IsSpace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\x1c' or '\x1d' or '\x1e' or '\x1f' or '\x85' or '\xa0' => true,
        '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    public static string Strip(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary>Python's <c>str.isdigit()</c> for what int() then accepts: non-empty, all Unicode decimal digits.</summary>
    public static bool IsDigits(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s)
            if (!char.IsDigit(c)) return false;
        return true;
    }

    /// <summary>Python's <c>str.split(sep)</c> (a literal separator; an empty one is a ValueError there).</summary>
    public static string[] Split(string s, string sep) =>
        sep.Length == 0 ? throw new ArgumentException("empty separator") : s.Split(sep);

    /// <summary>Python's <c>s[index]</c>: the character at <paramref name="index"/>, counted from the end when negative.</summary>
    public static bool TryCharAt(string s, int index, out string character)
    {
        var i = index < 0 ? s.Length + index : index;
        if (i < 0 || i >= s.Length) { character = ""; return false; }
        character = s[i].ToString();
        return true;
    }

    /// <summary>Python's negative-index rule for lists.</summary>
    public static bool TryIndex<T>(IReadOnlyList<T> list, int index, out T value)
    {
        var i = index < 0 ? list.Count + index : index;
        if (i < 0 || i >= list.Count) { value = default!; return false; }
        value = list[i];
        return true;
    }
}

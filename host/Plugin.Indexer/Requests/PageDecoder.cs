using System.Text;
using System.Text.RegularExpressions;

namespace Plugin.Indexer.Requests;

/// <summary>
/// Turns result-page bytes into text. The definition's <c>encoding</c> wins (old Chinese sites declare GBK in the
/// definition and often send no charset or a wrong one), then the HTTP charset, then a &lt;meta&gt; declaration,
/// then a byte order mark, then UTF-8. GBK, GB18030, Big5, Shift_JIS ... come from CodePagesEncodingProvider.
/// </summary>
public static partial class PageDecoder
{
    static PageDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Resolves an encoding name; a clear <see cref="ArgumentException"/> names an unknown one.</summary>
    public static Encoding GetEncoding(string name)
    {
        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Unknown encoding \"{name}\" (expected a name such as UTF-8, GBK, GB18030, Big5).", nameof(name), e);
        }
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string? definitionEncoding, string? httpCharset = null)
    {
        var encoding = Choose(bytes, definitionEncoding, httpCharset);
        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static Encoding Choose(ReadOnlySpan<byte> bytes, string? definitionEncoding, string? httpCharset)
    {
        if (!string.IsNullOrWhiteSpace(definitionEncoding)) return GetEncoding(definitionEncoding);
        if (TryGet(httpCharset) is { } http) return http;
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return Encoding.UTF8;
        // A <meta charset> is ASCII, so reading the head as Latin-1 is safe for finding it.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var m = MetaCharset().Match(head);
        if (m.Success && TryGet(m.Groups[1].Value) is { } meta) return meta;
        return Encoding.UTF8;
    }

    private static Encoding? TryGet(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try { return Encoding.GetEncoding(name.Trim().Trim('"', '\'')); }
        catch (ArgumentException) { return null; }
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}

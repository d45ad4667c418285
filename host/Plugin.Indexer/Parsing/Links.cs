using System.Buffers;

namespace Plugin.Indexer.Parsing;

/// <summary>How the spider makes details and download links absolute (string joins against the domain, not RFC 3986).</summary>
internal static class Links
{
    private static readonly SearchValues<char> HostEnd = SearchValues.Create("/?#");

    public static string Details(string domain, string link)
    {
        if (link.StartsWith("http", StringComparison.Ordinal)) return link;
        if (link.StartsWith("//", StringComparison.Ordinal)) return domain.Split(':')[0] + ":" + link;
        if (link.StartsWith('/')) return domain + link[1..];
        return domain + link;
    }

    public static string Download(string domain, string link)
    {
        if (link.StartsWith("http", StringComparison.Ordinal) || link.StartsWith("magnet", StringComparison.Ordinal)) return link;
        var (scheme, host) = SchemeAndHost(domain);
        if (host.Length > 0 && link.Contains(host, StringComparison.Ordinal))
            return link.StartsWith('/') ? $"{scheme}:{link}" : $"{scheme}://{link}";
        return link.StartsWith('/') ? domain + link[1..] : domain + link;
    }

    /// <summary>MoviePilot's <c>get_url_netloc</c>: a domain without a scheme is taken as http.</summary>
    private static (string Scheme, string Host) SchemeAndHost(string url)
    {
        if (url.Length == 0) return ("", "");
        if (!url.StartsWith("http", StringComparison.Ordinal)) return ("http", url);
        var sep = url.IndexOf("://", StringComparison.Ordinal);
        if (sep < 0) return (url.Split(':')[0], "");
        var rest = url[(sep + 3)..];
        var end = rest.AsSpan().IndexOfAny(HostEnd);
        return (url[..sep], end < 0 ? rest : rest[..end]);
    }
}

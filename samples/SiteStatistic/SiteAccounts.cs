namespace SiteStatistic;

/// <summary>One site the user wants statistics for: a name, the user details page and the cookie to read it.</summary>
public sealed record SiteAccount(string Name, Uri UserPage, string? Cookie)
{
    public string Domain => UserPage.Host;

    /// <summary>
    /// Reads the config's site list: one site per line as <c>名称|用户详情页URL|Cookie</c> (cookie optional).
    /// Lines that do not parse are reported, not dropped silently.
    /// </summary>
    public static (List<SiteAccount> Sites, List<string> Errors) ParseLines(string? text)
    {
        var sites = new List<SiteAccount>();
        var errors = new List<string>();
        var lineNumber = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || parts[0].Length == 0 || !Uri.TryCreate(parts[1], UriKind.Absolute, out var url) ||
                (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"第 {lineNumber} 行格式应为 名称|用户详情页URL|Cookie：{line}");
                continue;
            }
            sites.Add(new SiteAccount(parts[0], url, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null));
        }
        return (sites, errors);
    }
}

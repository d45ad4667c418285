using System.Text.Json;
using Plugin.Indexer.Definitions;
using Plugin.Indexer.Parsing;
using Plugin.Indexer.Requests;
using Plugin.Sdk.Indexers;

namespace Plugin.Indexer.Cli;

/// <summary>
/// <c>indexer parse</c> and <c>indexer search</c>: check a site definition without a server. Torrents go to stdout as
/// a JSON array (snake_case); everything else — warnings, errors naming the field and selector — goes to stderr.
/// Exit codes: 0 success, 1 the definition, page or site failed, 2 the command line was wrong.
/// </summary>
public static class IndexerCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private const string Usage = """
        Usage:
          indexer parse  --definition <site.json> --html <page.html> [--url <page url>] [--encoding <name>]
          indexer search --definition <site.json> [--keyword <text>] [--page <n>] [--type movie|tv]
                         [--cookie <cookie>] [--ua <user agent>] [--proxy <url>] [--timeout <seconds>]

        parse   reads a saved result page and prints its torrents as JSON.
        search  fetches the site's result page (no keyword browses it) and prints its torrents as JSON.
        Warnings and errors go to stderr; the exit code is 0 on success, 1 on failure, 2 on a usage error.
        """;

    /// <param name="args">The arguments, with or without a leading "indexer".</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var rest = args.Length > 0 && args[0] == "indexer" ? args[1..] : args;
        if (rest.Length == 0 || rest[0] is "-h" or "--help" or "help")
        {
            await (rest.Length == 0 ? stderr : stdout).WriteLineAsync(Usage);
            return rest.Length == 0 ? UsageError : Success;
        }

        Dictionary<string, string> options;
        try
        {
            options = ReadOptions(rest[1..]);
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            await stderr.WriteLineAsync(Usage);
            return UsageError;
        }

        try
        {
            return rest[0] switch
            {
                "parse" => await ParseAsync(options, stdout, stderr),
                "search" => await SearchAsync(options, stdout, stderr, cancellationToken),
                _ => await UnknownCommand(rest[0], stderr),
            };
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            await stderr.WriteLineAsync(Usage);
            return UsageError;
        }
    }

    private static async Task<int> UnknownCommand(string command, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"error: unknown command '{command}' (expected 'parse' or 'search')");
        await stderr.WriteLineAsync(Usage);
        return UsageError;
    }

    private static async Task<int> ParseAsync(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        Allow(options, "definition", "html", "url", "encoding");
        var (definition, parser) = await LoadDefinitionAsync(Required(options, "definition"), stderr);
        if (parser is null) return Failure;

        var htmlPath = Required(options, "html");
        string html;
        try
        {
            var bytes = await File.ReadAllBytesAsync(htmlPath);
            html = PageDecoder.Decode(bytes, options.GetValueOrDefault("encoding") ?? definition!.Encoding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: cannot read the page '{htmlPath}': {e.Message}");
            return Failure;
        }

        var baseDomain = options.TryGetValue("url", out var url) ? BaseFor(definition!, url) : null;
        var result = parser.Parse(html, baseDomain, requireRows: true);
        return await WriteAsync(result.Torrents, result.Diagnostics, stdout, stderr);
    }

    private static async Task<int> SearchAsync(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        Allow(options, "definition", "keyword", "page", "type", "cookie", "ua", "proxy", "timeout");
        var (definition, parser) = await LoadDefinitionAsync(Required(options, "definition"), stderr);
        if (parser is null) return Failure;

        var page = 0;
        if (options.TryGetValue("page", out var p) && (!int.TryParse(p, out page) || page < 0))
            throw new UsageException($"--page must be a whole number of 0 or more, got '{p}'");
        MediaKind? type = options.GetValueOrDefault("type") switch
        {
            null => null,
            "movie" => MediaKind.Movie,
            "tv" => MediaKind.Tv,
            var t => throw new UsageException($"--type must be 'movie' or 'tv', got '{t}'"),
        };
        Uri? proxy = null;
        if (options.TryGetValue("proxy", out var proxyText) && !Uri.TryCreate(proxyText, UriKind.Absolute, out proxy))
            throw new UsageException($"--proxy must be an absolute URL such as http://127.0.0.1:7890, got '{proxyText}'");
        TimeSpan? timeout = null;
        if (options.TryGetValue("timeout", out var timeoutText))
        {
            if (!double.TryParse(timeoutText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                throw new UsageException($"--timeout must be a positive number of seconds, got '{timeoutText}'");
            timeout = TimeSpan.FromSeconds(seconds);
        }

        var settings = new SiteSettings
        {
            Cookie = options.GetValueOrDefault("cookie"),
            UserAgent = options.GetValueOrDefault("ua"),
            Proxy = proxy,
            Timeout = timeout,
        };
        var query = SearchQuery.For(options.GetValueOrDefault("keyword"), page, type);
        SiteRequest request;
        try
        {
            request = SearchRequestBuilder.Build(definition!, query);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            await stderr.WriteLineAsync($"error: cannot build the search request: {e.Message}");
            return Failure;
        }
        await stderr.WriteLineAsync($"{request.Method} {request.Url}");

        using var fetcher = new SiteFetcher(new IndexerOptions { MaxSiteTimeout = TimeSpan.FromMinutes(10) });
        string html;
        try
        {
            html = await fetcher.FetchAsync(definition!, request, settings, cancellationToken);
        }
        catch (Exception e) when (e is SiteRequestException or TimeoutException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return Failure;
        }
        var result = parser.Parse(html);
        return await WriteAsync(result.Torrents, result.Diagnostics, stdout, stderr);
    }

    private static async Task<int> WriteAsync(IReadOnlyList<TorrentInfo> torrents, IReadOnlyList<ParseDiagnostic> diagnostics, TextWriter stdout, TextWriter stderr)
    {
        await stdout.WriteLineAsync(JsonSerializer.Serialize(torrents, IndexerJson.Indented));
        foreach (var d in diagnostics) await stderr.WriteLineAsync(d.ToString());
        await stderr.WriteLineAsync($"{torrents.Count} torrent(s)");
        return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? Failure : Success;
    }

    private static async Task<(SiteDefinition? Definition, TorrentParser? Parser)> LoadDefinitionAsync(string path, TextWriter stderr)
    {
        SiteDefinition definition;
        try
        {
            definition = SiteDefinition.Parse(await File.ReadAllTextAsync(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: cannot read the definition '{path}': {e.Message}");
            return (null, null);
        }
        catch (FormatException e)
        {
            await stderr.WriteLineAsync($"error: {path}: {e.Message}");
            return (null, null);
        }
        try
        {
            return (definition, TorrentParser.Create(definition));
        }
        catch (SiteDefinitionException e)
        {
            foreach (var problem in e.Problems) await stderr.WriteLineAsync($"{path}: {problem}");
            return (definition, null);
        }
    }

    /// <summary>The page's own address, when it is one of the site's domains, is what its links are relative to.</summary>
    private static string? BaseFor(SiteDefinition definition, string pageUrl)
    {
        if (!Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri))
            throw new UsageException($"--url must be an absolute URL, got '{pageUrl}'");
        if (SiteRegistry.DomainOf(definition, pageUrl) is { } match) return match;
        return string.IsNullOrEmpty(definition.Domain) ? uri.GetLeftPart(UriPartial.Authority) + "/" : null;
    }

    private static Dictionary<string, string> ReadOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
                throw new ArgumentException($"unexpected argument '{a}'");
            var name = a[2..];
            string value;
            var eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (i + 1 < args.Length) value = args[++i];
            else throw new ArgumentException($"--{name} needs a value");
            if (!options.TryAdd(name, value)) throw new ArgumentException($"--{name} is given twice");
        }
        return options;
    }

    private static void Allow(Dictionary<string, string> options, params string[] names)
    {
        foreach (var key in options.Keys)
            if (!names.Contains(key)) throw new UsageException($"unknown option --{key}");
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new UsageException($"--{name} is required");

    private sealed class UsageException(string message) : Exception(message);
}

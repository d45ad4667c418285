using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Plugin.Sdk.Indexers;

namespace Plugin.Indexer.Requests;

/// <summary>A request to a site failed; the message names the site, the URL and what happened.</summary>
public sealed class SiteRequestException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches result pages. One pooled handler per proxy (handlers are expensive and keep connections), cookies sent as
/// a header from the user's settings rather than kept in a shared jar (sites must never see each other's cookies).
/// </summary>
public sealed class SiteFetcher : IDisposable
{
    private readonly IndexerOptions _options;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();

    public SiteFetcher(IOptions<IndexerOptions> options) => _options = options.Value;

    public SiteFetcher(IndexerOptions options) => _options = options;

    /// <summary>The proxy a site's requests go through, or null for a direct connection.</summary>
    public Uri? ProxyFor(SiteDefinition definition, SiteSettings? settings)
    {
        if (settings?.Proxy is { } own) return own;
        if (settings?.UseProxy == false) return null;
        return (definition.Proxy || settings?.UseProxy == true) ? _options.Proxy : null;
    }

    /// <summary>The time limit for one request to this site.</summary>
    public TimeSpan TimeoutFor(SiteDefinition definition, SiteSettings? settings)
    {
        var t = settings?.Timeout ?? TimeSpan.FromSeconds(definition.Timeout);
        return t > _options.MaxSiteTimeout ? _options.MaxSiteTimeout : t;
    }

    /// <summary>Fetches and decodes a page; throws <see cref="SiteRequestException"/> or, on the time limit, <see cref="TimeoutException"/>.</summary>
    public async Task<string> FetchAsync(SiteDefinition definition, SiteRequest request, SiteSettings? settings, CancellationToken cancellationToken)
    {
        var client = Client(ProxyFor(definition, settings));
        using var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Form is not null) message.Content = new FormUrlEncodedContent(request.Form);
        message.Headers.TryAddWithoutValidation("User-Agent", settings?.UserAgent ?? definition.UserAgent ?? _options.UserAgent);
        message.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if ((settings?.Cookie ?? definition.Cookie) is { Length: > 0 } cookie) message.Headers.TryAddWithoutValidation("Cookie", cookie);
        if (settings?.Referer is { Length: > 0 } referer) message.Headers.TryAddWithoutValidation("Referer", referer);

        var timeout = TimeoutFor(definition, settings);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new SiteRequestException($"{definition.Id}: {request.Method} {request.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            var bytes = await response.Content.ReadAsByteArrayAsync(limit.Token).ConfigureAwait(false);
            return PageDecoder.Decode(bytes, definition.Encoding, response.Content.Headers.ContentType?.CharSet);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{definition.Id}: no answer from {request.Url} within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new SiteRequestException($"{definition.Id}: {request.Method} {request.Url} failed: {e.Message}", e);
        }
    }

    /// <summary>The largest result page accepted (32 MiB).</summary>
    public const int MaxPageBytes = 32 * 1024 * 1024;

    private HttpClient Client(Uri? proxy) => _clients.GetOrAdd(proxy?.ToString() ?? "", _ =>
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // No proxy means a direct connection, not whatever the environment says.
            UseProxy = proxy is not null,
            Proxy = proxy is null ? null : new WebProxy(proxy),
        };
        // Time limits are per site and applied per request, so the client's own is off.
        // A result page is a few hundred kilobytes; the cap keeps a misbehaving site from exhausting memory.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxPageBytes };
    });

    public void Dispose()
    {
        foreach (var c in _clients.Values) c.Dispose();
        _clients.Clear();
    }
}

using System.Text;

namespace Plugin.Music.Runtime;

/// <summary>
/// HTTP bodies read with a size cap that holds while reading: a server may send no Content-Length, or a wrong one,
/// so the bytes are counted as they arrive and reading stops one chunk past the cap. Plugins' axios requests and the
/// downloads of plugin code both read through here.
/// </summary>
public static class BoundedDownload
{
    private const int ChunkBytes = 81920;

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit) return null;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var streamLifetime = stream.ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return null;
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// GETs <paramref name="url"/> (http or https only) as UTF-8 text without a BOM. Throws <see cref="ArgumentException"/>
    /// for another URL, <see cref="HttpRequestException"/> for a failed request or status, <see cref="InvalidDataException"/>
    /// when the body is longer than <paramref name="limit"/> bytes, <see cref="OperationCanceledException"/> past
    /// <paramref name="timeout"/> or when cancelled.
    /// </summary>
    public static async Task<string> GetTextAsync(HttpClient http, string url, long limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{url}' is not an http(s) URL");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        var bytes = await ReadAsync(response.Content, limit, cts.Token).ConfigureAwait(false)
            ?? throw new InvalidDataException($"larger than {limit} bytes");
        return Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
    }
}

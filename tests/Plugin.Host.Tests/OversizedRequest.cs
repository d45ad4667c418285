using System.Net.Sockets;
using System.Text;

namespace Plugin.Host.Tests;

/// <summary>
/// Sends a request whose body the server will refuse part-way, over a raw socket. HttpClient writes the whole body
/// before it reads the answer, so when the server answers 413 and closes early the client's write fails with a broken
/// pipe and the answer is never read. Here the answer is read while the body is still being written, writing stops as
/// soon as the server has answered, and a failed write is expected rather than an error.
/// </summary>
internal static class OversizedRequest
{
    public sealed record Answer(int Status, string Headers, string Body);

    public static async Task<Answer> SendAsync(Uri baseAddress, string method, string path, IReadOnlyDictionary<string, string> headers,
        byte[] body, bool chunked, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        var stream = client.GetStream();

        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length}\r\n");
        head.Append("Connection: close\r\n\r\n");

        using var answered = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadAnswerAsync(stream, answered, cancellationToken);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), answered.Token);
            const int piece = 64 * 1024;
            for (var offset = 0; offset < body.Length && !answered.IsCancellationRequested; offset += piece)
            {
                var length = Math.Min(piece, body.Length - offset);
                if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{length:X}\r\n"), answered.Token);
                await stream.WriteAsync(body.AsMemory(offset, length), answered.Token);
                if (chunked) await stream.WriteAsync("\r\n"u8.ToArray(), answered.Token);
            }
            if (chunked && !answered.IsCancellationRequested) await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), answered.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The server stopped reading (it has answered, or is about to): what it answered is what the test checks.
        }
        return await reading;
    }

    /// <summary>Reads until the server closes the connection (the request asked for <c>Connection: close</c>).</summary>
    private static async Task<Answer> ReadAnswerAsync(NetworkStream stream, CancellationTokenSource answered, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
                answered.Cancel();
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer arrived: the answer is complete as far as the server is concerned.
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) throw new InvalidOperationException($"The server closed the connection without a full answer: '{text}'.");
        var headers = text[..split];
        var body = text[(split + 4)..];
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        var status = int.Parse(headers.Split(' ', 3)[1]);
        return new Answer(status, headers, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(chunked[position..lineEnd].Split(';')[0], 16);
            if (size == 0) break;
            body.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return body.ToString();
    }
}

using System.Net;
using System.Text;

namespace Plugin.Sdk.Testing;

/// <summary>
/// The handler behind the plugin's <see cref="IPluginContext.Http"/>. A test answers requests with <c>Respond(...)</c>
/// (or points the handler at a loopback server with <see cref="Forward"/>); every request is recorded. With no responder
/// set a request fails with a clear message: a unit test never reaches the network by accident.
/// </summary>
public sealed class TestHttpHandler : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly object _gate = new();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _responder;

    /// <summary>Every request sent so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate) return _requests.ToList();
        }
    }

    /// <summary>Answers every request with <paramref name="responder"/>.</summary>
    public TestHttpHandler Respond(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responder = responder;
        return this;
    }

    /// <summary>Answers every request with what <paramref name="responder"/> returns.</summary>
    public TestHttpHandler Respond(Func<HttpRequestMessage, HttpResponseMessage> responder) =>
        Respond((request, _) => Task.FromResult(responder(request)));

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/> (JSON unless said otherwise).</summary>
    public TestHttpHandler Respond(HttpStatusCode status, string body, string mediaType = "application/json") =>
        Respond(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });

    /// <summary>Sends requests on through <paramref name="inner"/> (e.g. a <see cref="SocketsHttpHandler"/> to a loopback server).</summary>
    public TestHttpHandler Forward(HttpMessageHandler inner)
    {
        var invoker = new HttpMessageInvoker(inner, disposeHandler: false);
        return Respond((request, ct) => invoker.SendAsync(request, ct));
    }

    /// <summary>Records the request and answers it with the responder set by the test.</summary>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_gate) _requests.Add(new RecordedRequest(request.Method, request.RequestUri, body));
        var responder = _responder ?? throw new InvalidOperationException(
            $"The plugin sent {request.Method} {request.RequestUri} but the test set no HTTP responder: call harness.Http.Respond(...) first.");
        var response = await responder(request, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }
}

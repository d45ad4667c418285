using System.Collections.Concurrent;
using System.Text.Json;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// Other plugins from a worker. Reads and calls cross to the host, which answers as for an in-process plugin (the
/// provider may be in process or in any worker, this one included). An offer keeps its handler here and registers a
/// forwarder on the host, which calls back (<see cref="Protocol.IWorkerContextEndpoint.CallServiceAsync"/>) while the
/// offer stands; the SDK's exceptions come back as they would in process.
/// </summary>
internal sealed class WorkerInterop(HostChannel host) : IPluginInterop
{
    private readonly HostChannel _channel = host;
    private readonly ConcurrentDictionary<string, (long Handle, InteropRules.JsonHandler Handler)> _offers = new(StringComparer.Ordinal);
    private long _nextHandle;

    private string Id => _channel.PluginId;

    public async Task<SharedData<T>> GetDataAsync<T>(string pluginId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pluginId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var answer = await _channel.CallAsync(h => h.SharedDataAsync(Id, pluginId, key, cancellationToken)).ConfigureAwait(false);
        var status = (SharedDataStatus)answer.Status;
        return status == SharedDataStatus.Found && answer.Json is { } json
            ? new SharedData<T>(pluginId, key, status, JsonSerializer.Deserialize<T>(json, PluginJson.Options))
            : new SharedData<T>(pluginId, key, status);
    }

    public Task<IReadOnlyList<string>> SharedKeysAsync(string pluginId, CancellationToken cancellationToken = default) =>
        _channel.CallAsync(h => h.SharedKeysAsync(Id, pluginId, cancellationToken));

    public IDisposable Offer<TRequest, TResponse>(string name, Func<TRequest, CancellationToken, Task<TResponse>> handler)
    {
        InteropRules.CheckServiceName(name);
        var handle = Interlocked.Increment(ref _nextHandle);
        var offer = (handle, InteropRules.Wrap(handler));
        _offers.TryGetValue(name, out var previous);
        _offers[name] = offer;
        try
        {
            _channel.Wait(h => h.ServiceOfferAsync(Id, name, handle));
        }
        catch
        {
            if (previous.Handler is null) _offers.TryRemove(new KeyValuePair<string, (long, InteropRules.JsonHandler)>(name, offer));
            else _offers.TryUpdate(name, previous, offer);
            throw;
        }
        // The host replaces an earlier offer under this name: so does the worker, and withdrawing that one's handle is
        // then a no-op on both sides.
        return new Withdrawal(this, name, handle);
    }

    public bool IsOffered(string pluginId, string name) => _channel.Wait(h => h.ServiceIsOfferedAsync(Id, pluginId, name));

    public async Task<TResponse?> CallAsync<TRequest, TResponse>(string pluginId, string name, TRequest request,
        CancellationToken cancellationToken = default)
    {
        var json = InteropRules.WriteRequest(request);
        var answer = await _channel.CallAsync(h => h.ServiceCallAsync(Id, pluginId, name, json, cancellationToken)).ConfigureAwait(false);
        if (answer.Unavailable)
            throw new PluginServiceUnavailableException(pluginId, name);
        if (answer.Failure is { } failure)
            throw new PluginServiceException(pluginId, name, failure);
        return InteropRules.ReadResponse<TResponse>(pluginId, name, answer.Json ?? "null");
    }

    /// <summary>A forwarded call of an offered service.</summary>
    public Task<string> AnswerAsync(string name, string requestJson, CancellationToken cancellationToken) =>
        _offers.TryGetValue(name, out var offer)
            ? offer.Handler(requestJson, cancellationToken)
            : throw new PluginServiceUnavailableException(Id, name);

    private sealed class Withdrawal(WorkerInterop interop, string name, long handle) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            if (interop._offers.TryGetValue(name, out var offer) && offer.Handle == handle)
                interop._offers.TryRemove(new KeyValuePair<string, (long, InteropRules.JsonHandler)>(name, offer));
            try { interop._channel.Wait(h => h.ServiceWithdrawAsync(interop.Id, handle)); }
            catch (Exception e) when (e is StreamJsonRpc.ConnectionLostException or ObjectDisposedException)
            {
                // The host is gone; so is the offer.
            }
        }
    }
}

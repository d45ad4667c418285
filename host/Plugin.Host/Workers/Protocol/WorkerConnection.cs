using System.Text.Json;
using StreamJsonRpc;

namespace Plugin.Host.Workers.Protocol;

/// <summary>
/// The JSON-RPC connection both sides build on the socket: header-delimited messages, System.Text.Json, the local
/// target registered under its contract interface (only the contract's methods can be called).
/// </summary>
public static class WorkerConnection
{
    /// <summary>The environment variable that carries a spawn's one-time token to the worker (cleared by the worker once read).</summary>
    public const string TokenVariable = "PLUGIN_HOST_WORKER_TOKEN";

    /// <summary>The verb that starts a worker: <c>dotnet Plugin.Host.dll worker --socket &lt;path&gt; --package &lt;id&gt;</c>.</summary>
    public const string Verb = "worker";

    public static JsonRpc Create<TLocal>(Stream stream, TLocal target) where TLocal : class
    {
        var formatter = new SystemTextJsonFormatter
        {
            JsonSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web),
        };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(stream, stream, formatter));
        rpc.AddLocalRpcTarget<TLocal>(target, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        return rpc;
    }
}

using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Host.Loading;
using Plugin.Host.Workers.Protocol;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// The worker's entry point (<c>dotnet Plugin.Host.dll worker --socket &lt;path&gt; --package &lt;id&gt;</c>): connects
/// to the host's socket, proves it is the process the host spawned (the one-time token from
/// <see cref="WorkerConnection.TokenVariable"/>, sent as the first line), then answers <see cref="IWorkerEndpoint"/> until
/// the connection ends — the host stopping it, or the host gone — and exits.
/// </summary>
public static class WorkerMain
{
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        // A full heap (Host:Plugins:Worker:MemoryLimitMb) ends the worker with a distinct exit code, to be restarted.
        Limits.OutOfMemoryExit.Install();
        var socket = Option(args, "--socket");
        var token = Environment.GetEnvironmentVariable(WorkerConnection.TokenVariable);
        // Read once and cleared: plugin code in this process has no use for it (and it opens nothing once used).
        Environment.SetEnvironmentVariable(WorkerConnection.TokenVariable, null);
        if (socket is null || string.IsNullOrEmpty(token))
        {
            await error.WriteLineAsync($"usage: {WorkerConnection.Verb} --socket <path> [--package <id>] (with {WorkerConnection.TokenVariable} set); started by the host, not by hand");
            return 2;
        }

        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(socket));
        await using var stream = new NetworkStream(client, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(token + "\n"));
        await stream.FlushAsync();

        IHostEndpoint? host = null;
        var endpoint = new WorkerEndpoint(new PluginLoader(new HostAssemblies(), NullLogger<PluginLoader>.Instance), () => host!);
        using var rpc = WorkerConnection.Create<IWorkerEndpoint>(stream, endpoint);
        rpc.AddLocalRpcTarget<IWorkerContextEndpoint>(endpoint.Contexts, new StreamJsonRpc.JsonRpcTargetOptions { DisposeOnDisconnect = false });
        host = new HostClient(rpc);
        rpc.StartListening();
        try { await rpc.Completion; }
        catch (Exception e) { await error.WriteLineAsync($"worker: connection ended: {e.Message}"); }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}

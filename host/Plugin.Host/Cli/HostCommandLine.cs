namespace Plugin.Host.Cli;

/// <summary>
/// Sub-commands of the host executable (<c>dotnet run --project host/Plugin.Host -- indexer ...</c>): the first argument
/// picks a tool instead of the web server. Returns null when <paramref name="args"/> asks for the server.
/// </summary>
public static class HostCommandLine
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
            return null;
        switch (args[0])
        {
            case "indexer":
                // Checks a site definition without a server: `indexer parse|search ...` (issue 6).
                return await Plugin.Indexer.Cli.IndexerCommandLine.RunAsync(args, Console.Out, Console.Error);
            case Plugin.Host.Dev.DevMode.Command:
                // The host plus a plugin project rebuilt and swapped in on every save: `dev <project> [host options]` (issue 19).
                return await Plugin.Host.Dev.DevMode.RunAsync(args[1..], Console.Error);
            case Plugin.Host.Workers.Protocol.WorkerConnection.Verb:
                // A plugin package in its own process, started by the host in Process isolation (issue 20); no web host.
                return await Plugin.Host.Workers.InWorker.WorkerMain.RunAsync(args[1..], Console.Error);
            case "music":
                // Calls a MusicFree plugin function without a server: `music call ...` (issue 7).
                return await Plugin.Music.Cli.MusicCommandLine.RunAsync(args, Console.Out, Console.Error);
            default:
                return null;
        }
    }
}

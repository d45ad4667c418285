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
                // LEAD: wire the indexer CLI here (needs a ProjectReference to host/Plugin.Indexer):
                //   return await Plugin.Indexer.Cli.IndexerCommandLine.RunAsync(args, Console.Out, Console.Error);
                await Console.Error.WriteLineAsync("The indexer command line is not wired into this build yet.");
                return 2;
            case "music":
                // LEAD: wire the music CLI here (needs a ProjectReference to host/Plugin.Music):
                //   return await Plugin.Music.MusicCommandLine.RunAsync(args, Console.Out, Console.Error);
                await Console.Error.WriteLineAsync("The music command line is not wired into this build yet.");
                return 2;
            default:
                return null;
        }
    }
}

using Plugin.Host.Cli;
using Plugin.Host.Web;

// `Plugin.Host indexer ...` / `Plugin.Host music ...` run a tool; anything else starts the server.
if (await HostCommandLine.TryRunAsync(args) is { } exitCode)
    return exitCode;

var app = HostApplication.Build(args);
Plugin.Host.Hosting.StartupBanner.PrintWhenStarted(app);
await app.RunAsync();
return 0;

/// <summary>The host's entry point (public so test hosts can name it).</summary>
public partial class Program;

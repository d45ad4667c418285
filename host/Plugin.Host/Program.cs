using Plugin.Host.Cli;
using Plugin.Host.Web;

// `Plugin.Host indexer ...` / `Plugin.Host music ...` run a tool; anything else starts the server.
if (await HostCommandLine.TryRunAsync(args) is { } exitCode)
    return exitCode;

WebApplication app;
try
{
    app = HostApplication.Build(args);
}
catch (Plugin.Host.Storage.HostStartupException e)
{
    // A setting to fix (its key is in the message), not a bug: one line, no stack trace.
    Console.Error.WriteLine($"[Plugin.Host] Cannot start: {e.Message}");
    return 1;
}
Plugin.Host.Hosting.StartupBanner.PrintWhenStarted(app);
await app.RunAsync();
return 0;

/// <summary>The host's entry point (public so test hosts can name it).</summary>
public partial class Program;

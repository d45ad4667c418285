using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Plugin.Host.Packages;
using Plugin.Host.Security;

namespace Plugin.Host.Hosting;

/// <summary>
/// The few lines a person starting the host reads: where it answers, how to log in (and where the generated password
/// and token are), the data folder and the market's feeds. Printed once the server listens, in place of ASP.NET Core's
/// own start-up lines (<c>Microsoft.Hosting.Lifetime</c> is at Warning unless configured otherwise).
/// </summary>
public static class StartupBanner
{
    /// <summary>Prints the banner to <paramref name="console"/> (standard output by default) when <paramref name="app"/> has started.</summary>
    public static void PrintWhenStarted(WebApplication app, TextWriter? console = null) =>
        app.Lifetime.ApplicationStarted.Register(() => (console ?? Console.Out).Write(Text(app.Services)));

    /// <summary>The banner for a started host's services (its addresses are known by then).</summary>
    public static string Text(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var paths = services.GetRequiredService<HostPaths>();
        var secrets = services.GetRequiredService<HostSecrets>();
        var feeds = services.GetRequiredService<PluginPackagesOptions>().Feeds;
        var url = addresses.Count > 0 ? string.Join(", ", addresses) : "(no address)";
        var ui = File.Exists(Path.Combine(paths.WebRoot, "index.html"))
            ? "web UI and API docs at /docs"
            : $"API docs at /docs; no web UI in {paths.WebRoot} (Host:WebRoot)";

        var text = new System.Text.StringBuilder();
        text.AppendLine($"Plugin.Host {Version()} listening on {url}  ({ui})");
        text.AppendLine($"  admin user  {secrets.AdminUser}, password {Where(secrets.PasswordConfigured, "Host:Admin:Password", secrets.FirstRunFile)}");
        text.AppendLine($"  API token   {Where(secrets.ApiTokenConfigured, "Host:ApiToken", secrets.FirstRunFile)}");
        text.AppendLine($"  data        {paths.DataDir}");
        text.AppendLine($"  feeds       {(feeds.Count > 0 ? string.Join(", ", feeds) : "none: the market is empty (set Host:Feeds)")}");
        text.AppendLine("  Ctrl+C stops it.");
        return text.ToString();
    }

    private static string Where(bool configured, string key, string firstRunFile) =>
        configured ? $"from {key}"
        : File.Exists(firstRunFile) ? $"generated at first run: in {firstRunFile}"
        : $"generated at first run (printed then; {Path.GetFileName(firstRunFile)} was removed; set {key} to choose another)";

    private static string Version()
    {
        var version = typeof(StartupBanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}

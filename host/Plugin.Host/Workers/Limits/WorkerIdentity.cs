using Plugin.Host.Runtime;

namespace Plugin.Host.Workers.Limits;

/// <summary>
/// Who a worker runs as. Plugin code in a worker never runs as root: a host running as root starts workers as
/// <c>Host:Plugins:Worker:User</c> (default <c>plugin-worker</c> if that account exists, else <c>nobody</c>) through
/// <c>setpriv</c>, which drops every group and capability and sets no-new-privileges before the worker starts. A host that
/// is not root has nothing to drop: workers run as its own user.
/// </summary>
public sealed record WorkerIdentity(UnixAccount? SwitchTo, string? Setpriv)
{
    /// <summary>The dedicated account a packager may create (<c>useradd --system plugin-worker</c>); preferred to the shared <c>nobody</c>.</summary>
    public const string DedicatedUser = "plugin-worker";

    /// <summary>The host's own user: no switch.</summary>
    public static WorkerIdentity Current { get; } = new(null, null);

    /// <summary>Decides, or refuses with the reason (a <see cref="PluginError"/> the spawner reports as the plugin's error).</summary>
    /// <param name="hostIsRoot">Whether the host's effective user is root.</param>
    /// <param name="find">Account lookup (<see cref="UnixAccounts.Find"/>; tests give their own).</param>
    /// <param name="setpriv">Path of <c>setpriv</c>, null when the machine has none.</param>
    public static WorkerIdentity Resolve(WorkerLimitOptions options, bool hostIsRoot, Func<string, UnixAccount?> find, string? setpriv, ILogger logger)
    {
        if (!hostIsRoot)
        {
            if (!string.IsNullOrWhiteSpace(options.User))
                logger.LogWarning("{Key}:User = {User} is not applied: the host does not run as root, so workers run as its own user",
                    WorkerLimitOptions.Section, options.User);
            return Current;
        }
        var name = string.IsNullOrWhiteSpace(options.User) ? (find(DedicatedUser) is null ? "nobody" : DedicatedUser) : options.User.Trim();
        var account = find(name) ?? throw new PluginError(PluginErrorKind.Unavailable,
            $"Workers cannot start: there is no user '{name}' on this machine ({WorkerLimitOptions.Section}:User).");
        if (account.Uid == 0)
        {
            if (!options.AllowRoot)
                throw new PluginError(PluginErrorKind.Forbidden,
                    $"Workers cannot start: they would run as root ('{name}'); name another user in {WorkerLimitOptions.Section}:User, or set {WorkerLimitOptions.Section}:AllowRoot=true.");
            logger.LogWarning("Plugin workers run as root ({Key}:AllowRoot): plugin code has every right on this machine", WorkerLimitOptions.Section);
            return Current;
        }
        if (setpriv is null)
            throw new PluginError(PluginErrorKind.Unavailable,
                $"Workers cannot start as '{name}': setpriv (util-linux) is not installed, and the host runs as root, which workers must not.");
        return new WorkerIdentity(account, setpriv);
    }

    /// <summary>setpriv's arguments that switch to <see cref="SwitchTo"/> before running the command after them.</summary>
    internal IEnumerable<string> SetprivArguments() =>
    [
        $"--reuid={SwitchTo!.Uid}", $"--regid={SwitchTo.Gid}", "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--",
    ];

    /// <summary>The first of the usual places that holds setpriv, or null.</summary>
    public static string? FindSetpriv() =>
        new[] { "/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv", "/sbin/setpriv" }.FirstOrDefault(File.Exists);
}

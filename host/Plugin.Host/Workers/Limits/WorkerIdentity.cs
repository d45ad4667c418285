using Plugin.Host.Runtime;

namespace Plugin.Host.Workers.Limits;

/// <summary>
/// Who a worker runs as. Plugin code in a worker never runs as root: a host running as root starts workers as
/// <c>Host:Plugins:Worker:User</c> (default <c>plugin-worker</c> if that account exists, else a uid of its own per
/// package from <c>UidRange</c>: <see cref="PackageUids"/>) through <c>setpriv</c>, which drops every group and
/// capability and sets no-new-privileges before the worker starts. A host that is not root has nothing to drop: workers
/// run as its own user.
/// </summary>
public sealed record WorkerIdentity(UnixAccount? SwitchTo, string? Setpriv)
{
    /// <summary>Each package's own uid, when no account is named (null: <see cref="SwitchTo"/> or the host's user).</summary>
    internal PackageUids? PerPackage { get; init; }

    /// <summary>The account <paramref name="packageId"/>'s worker runs as; null: the host's own user.</summary>
    public UnixAccount? AccountFor(string packageId) => SwitchTo ?? PerPackage?.For(packageId);

    /// <summary>The dedicated account a packager may create (<c>useradd --system plugin-worker</c>); preferred to the shared <c>nobody</c>.</summary>
    public const string DedicatedUser = "plugin-worker";

    /// <summary>The host's own user: no switch.</summary>
    public static WorkerIdentity Current { get; } = new(null, null);

    /// <summary>Decides, or refuses with the reason (a <see cref="PluginError"/> the spawner reports as the plugin's error).</summary>
    /// <param name="hostIsRoot">Whether the host's effective user is root.</param>
    /// <param name="find">Account lookup (<see cref="UnixAccounts.Find"/>; tests give their own).</param>
    /// <param name="setpriv">Path of <c>setpriv</c>, null when the machine has none.</param>
    /// <param name="inUse">Whether a uid/gid is an account or group of the machine (<see cref="UnixAccounts.IdInUse"/>).</param>
    public static WorkerIdentity Resolve(WorkerLimitOptions options, bool hostIsRoot, Func<string, UnixAccount?> find, string? setpriv, ILogger logger,
        Func<uint, bool>? inUse = null)
    {
        if (!hostIsRoot)
        {
            if (!string.IsNullOrWhiteSpace(options.User))
                logger.LogWarning("{Key}:User = {User} is not applied: the host does not run as root, so workers run as its own user",
                    WorkerLimitOptions.Section, options.User);
            return Current;
        }
        if (string.IsNullOrWhiteSpace(options.User) && find(DedicatedUser) is null)
        {
            if (setpriv is null)
                throw new PluginError(PluginErrorKind.Unavailable,
                    "Workers cannot start: setpriv (util-linux) is not installed, and the host runs as root, which workers must not.");
            var (first, last) = options.Uids;
            return new WorkerIdentity(null, setpriv) { PerPackage = new PackageUids(first, last, inUse ?? UnixAccounts.IdInUse) };
        }
        var name = string.IsNullOrWhiteSpace(options.User) ? DedicatedUser : options.User.Trim();
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

    /// <summary>setpriv's arguments that switch to <paramref name="account"/> before running the command after them.</summary>
    internal static IEnumerable<string> SetprivArguments(UnixAccount account) =>
    [
        $"--reuid={account.Uid}", $"--regid={account.Gid}", "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--",
    ];

    /// <summary>The first of the usual places that holds setpriv, or null.</summary>
    public static string? FindSetpriv() =>
        new[] { "/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv", "/sbin/setpriv" }.FirstOrDefault(File.Exists);
}

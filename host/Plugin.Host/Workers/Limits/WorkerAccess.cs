namespace Plugin.Host.Workers.Limits;

/// <summary>
/// Makes the folders a worker needs usable by the account it runs as, and nothing more. The plugin's package folder
/// becomes readable (its group is the worker's, group read and traverse; never writable, so a plugin cannot change its
/// own code for the next load); the socket folder and the plugin's data folder become the worker's own (owner, 0700).
/// The folders above them get traverse-only (<c>o+x</c>, no listing) where the worker lacks it — the host's data folder
/// for instance, when it is private. The host's own files (the runtime, <c>Plugin.Host.dll</c>) are only checked: a host
/// installed where the worker cannot read it (under <c>/root</c>) is refused with that reason rather than opened up.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class WorkerAccess
{
    public static void GrantRead(string folder, UnixAccount account, ILogger logger)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Prepend(folder))
        {
            var isDirectory = Directory.Exists(path);
            var mode = File.GetUnixFileMode(path);
            var needed = isDirectory ? UnixFileMode.OtherRead | UnixFileMode.OtherExecute : UnixFileMode.OtherRead;
            if ((mode & needed) == needed)
                continue;
            UnixAccounts.Chown(path, uint.MaxValue, account.Gid); // uid -1: the owner stays
            var group = isDirectory ? UnixFileMode.GroupRead | UnixFileMode.GroupExecute : UnixFileMode.GroupRead;
            File.SetUnixFileMode(path, (mode | group) & ~UnixFileMode.GroupWrite);
        }
        AllowTraversal(folder, account, logger);
    }

    public static void GrantOwn(string folder, UnixAccount account, ILogger logger)
    {
        Directory.CreateDirectory(folder);
        foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Prepend(folder))
            UnixAccounts.Chown(path, account.Uid, account.Gid);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        AllowTraversal(folder, account, logger);
    }

    /// <summary>Null when <paramref name="account"/> can read <paramref name="file"/>, else the folder or file in the way.</summary>
    public static string? Unreadable(string file, UnixAccount account)
    {
        var full = Path.GetFullPath(file);
        foreach (var dir in Ancestors(full))
            if (!Allows(dir, account, execute: true))
                return dir;
        return Allows(full, account, execute: false) ? null : full;
    }

    private static void AllowTraversal(string folder, UnixAccount account, ILogger logger)
    {
        foreach (var dir in Ancestors(Path.GetFullPath(folder)))
        {
            if (Allows(dir, account, execute: true))
                continue;
            File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.OtherExecute);
            logger.LogInformation("Plugin workers run as {User}: {Folder} may now be traversed by others (o+x, no listing)", account.Name, dir);
        }
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            yield return dir;
    }

    /// <summary>Read (file) or traverse (folder) right of the account by the mode bits (owner, group, other).</summary>
    private static bool Allows(string path, UnixAccount account, bool execute)
    {
        var (uid, gid) = UnixAccounts.Owner(path);
        var mode = File.GetUnixFileMode(path);
        var (user, group, other) = execute
            ? (UnixFileMode.UserExecute, UnixFileMode.GroupExecute, UnixFileMode.OtherExecute)
            : (UnixFileMode.UserRead, UnixFileMode.GroupRead, UnixFileMode.OtherRead);
        if (uid == account.Uid) return (mode & user) != 0;
        if (gid == account.Gid) return (mode & group) != 0;
        return (mode & other) != 0;
    }
}

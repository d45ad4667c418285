namespace Plugin.Host.Hosting;

/// <summary>
/// Keeps what only the host may see out of other local users' reach — which includes plugins in worker processes, run
/// as an unprivileged account (issue 20): the SQLite database with the users and secrets (0600), the plugin-data root
/// (0711: others may pass through to a folder they own, never list it) and each plugin's data folder (0700, owned by
/// whoever runs the plugin). Owner bits only; on Windows nothing changes (ACLs inherit from the data folder).
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Read and write for the owner only (the database, its WAL and shared-memory files).</summary>
    public static void File(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path) && (System.IO.File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            System.IO.File.SetUnixFileMode(path, OwnerOnly);
    }

    /// <summary>Creates <paramref name="folder"/> if needed; only its owner may list, read or write it.</summary>
    public static void Folder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows() && (System.IO.File.GetUnixFileMode(folder) & ~OwnerFolder) != 0)
            System.IO.File.SetUnixFileMode(folder, OwnerFolder);
    }

    /// <summary>Creates <paramref name="folder"/> if needed; others may pass through it (to a folder of their own
    /// inside) but not list or read it.</summary>
    public static void PassThrough(string folder)
    {
        Directory.CreateDirectory(folder);
        const UnixFileMode mode = OwnerFolder | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows() && System.IO.File.GetUnixFileMode(folder) != mode)
            System.IO.File.SetUnixFileMode(folder, mode);
    }
}

using System.Runtime.InteropServices;

namespace Plugin.Host.Workers.Limits;

/// <summary>A Unix account a worker can run as.</summary>
public sealed record UnixAccount(string Name, uint Uid, uint Gid);

/// <summary>The few libc calls .NET has no API for: looking up an account (NSS, so LDAP users work too), chown, and
/// <c>_exit</c> (leave at once, without running anything that might allocate).</summary>
internal static class UnixAccounts
{
    public static UnixAccount? Find(string name)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return null;
        var entry = GetPwNam(name);
        if (entry == IntPtr.Zero)
            return null;
        var passwd = Marshal.PtrToStructure<Passwd>(entry);
        return new UnixAccount(name, passwd.Uid, passwd.Gid);
    }

    /// <summary>Whether <paramref name="id"/> names an account or a group on this machine (a per-package uid must not).</summary>
    public static bool IdInUse(uint id) =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && (GetPwUid(id) != IntPtr.Zero || GetGrGid(id) != IntPtr.Zero);

    public static uint EffectiveUid => OperatingSystem.IsWindows() ? uint.MaxValue : GetEuid();

    /// <summary>Changes the owner of one file or folder; throws naming it when the kernel refuses.</summary>
    public static void Chown(string path, uint uid, uint gid)
    {
        if (ChownNative(path, uid, gid) != 0)
            throw new IOException($"chown {uid}:{gid} {path} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    public static void Exit(int status) => ExitNative(status);

    /// <summary>The owner and group of a file or folder (statx, whose layout is the same on every Linux architecture).</summary>
    public static (uint Uid, uint Gid) Owner(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) != 0)
            throw new IOException($"statx {path} failed (errno {Marshal.GetLastPInvokeError()}).");
        return (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24));
    }

    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;

    // struct passwd on Linux and macOS starts with name, password, uid, gid; the rest is not read.
    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public IntPtr Name;
        public IntPtr Password;
        public uint Uid;
        public uint Gid;
    }

    [DllImport("libc", EntryPoint = "getpwnam")]
    private static extern IntPtr GetPwNam([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "getpwuid")]
    private static extern IntPtr GetPwUid(uint uid);

    [DllImport("libc", EntryPoint = "getgrgid")]
    private static extern IntPtr GetGrGid(uint gid);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int ChownNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitNative(int status);
}

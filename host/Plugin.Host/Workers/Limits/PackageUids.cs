using System.Text;
using Plugin.Host.Runtime;

namespace Plugin.Host.Workers.Limits;

/// <summary>
/// A uid of its own for each package's worker (its gid the same number), taken from a range no account or group of
/// the machine uses — systemd's DynamicUser idea: no passwd entry is created, <c>setpriv</c> switches to the number.
/// Workers of different packages then cannot read each other's data folders, which 0700 keeps to their owner. The
/// first choice is a hash of the package id, so a package usually gets the same uid after a restart; when it does not
/// (a collision settled in another order), the spawn hands its folders to the new uid anyway.
/// </summary>
internal sealed class PackageUids(uint first, uint last, Func<uint, bool> inUse)
{
    private readonly Dictionary<string, UnixAccount> _byPackage = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<uint> _given = [];

    public uint First => first;
    public uint Last => last;

    public UnixAccount For(string packageId)
    {
        lock (_byPackage)
        {
            if (_byPackage.TryGetValue(packageId, out var known))
                return known;
            var size = (ulong)last - first + 1;
            var start = Fnv1a(packageId.ToLowerInvariant()) % size;
            for (ulong i = 0; i < size; i++)
            {
                var uid = (uint)(first + (start + i) % size);
                if (_given.Contains(uid) || inUse(uid))
                    continue;
                _given.Add(uid);
                return _byPackage[packageId] = new UnixAccount($"uid {uid} (package {packageId})", uid, uid);
            }
        }
        throw new PluginError(PluginErrorKind.Unavailable,
            $"Workers cannot start: every uid in {WorkerLimitOptions.Section}:UidRange ({first}-{last}) is taken; widen the range or name an account in {WorkerLimitOptions.Section}:User.");
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}

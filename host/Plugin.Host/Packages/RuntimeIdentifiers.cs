using System.Runtime.InteropServices;

namespace Plugin.Host.Packages;

/// <summary>
/// The runtime identifiers whose <c>runtimes/&lt;rid&gt;/</c> assets fit this host, most specific first (NuGet's RID graph,
/// reduced to the portable RIDs packages actually ship: <c>linux-x64 → linux → unix → any</c>). A distro-specific RID
/// (<c>ubuntu.24.04-x64</c>) falls back to the portable one of its OS family.
/// </summary>
public static class RuntimeIdentifiers
{
    /// <summary>The RID assets are selected for: the one the runtime reports.</summary>
    public static string Current => RuntimeInformation.RuntimeIdentifier;

    /// <summary><paramref name="rid"/> and what it falls back to, most specific first, ending with <c>any</c>.</summary>
    public static IReadOnlyList<string> Fallbacks(string rid)
    {
        var dash = rid.LastIndexOf('-');
        var os = dash > 0 ? rid[..dash] : rid;
        var arch = dash > 0 ? rid[(dash + 1)..] : null;
        var list = new List<string> { rid };
        void Add(string family)
        {
            if (arch is not null)
                list.Add($"{family}-{arch}");
            list.Add(family);
        }
        if (os.StartsWith("linux-musl", StringComparison.Ordinal))
        {
            Add("linux-musl");
            Add("linux");
            list.Add("unix");
        }
        else if (os.StartsWith("win", StringComparison.Ordinal))
        {
            Add("win");
        }
        else if (os.StartsWith("osx", StringComparison.Ordinal) || os.StartsWith("maccatalyst", StringComparison.Ordinal))
        {
            Add("osx");
            list.Add("unix");
        }
        else if (os.StartsWith("freebsd", StringComparison.Ordinal))
        {
            Add("freebsd");
            list.Add("unix");
        }
        else
        {
            // linux and distro RIDs (ubuntu.24.04, alpine.3.20 is musl but reports linux-musl when portable).
            Add("linux");
            list.Add("unix");
        }
        list.Add("any");
        return list.Distinct(StringComparer.Ordinal).ToList();
    }
}

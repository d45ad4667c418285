namespace Plugin.Music.Management;

/// <summary>
/// Compares plugin versions the way semver orders them (numeric parts, a pre-release below its release). Loose:
/// missing parts are 0 and a leading "v" is ignored, as plugin authors write "1.2" or "v1.2.0" too.
/// </summary>
public static class SemVer
{
    public static int Compare(string? a, string? b)
    {
        var (na, pa) = Parse(a);
        var (nb, pb) = Parse(b);
        for (var i = 0; i < 3; i++)
            if (na[i] != nb[i]) return na[i].CompareTo(nb[i]);
        if (pa == pb) return 0;
        if (pa.Length == 0) return 1;
        if (pb.Length == 0) return -1;
        var xa = pa.Split('.');
        var xb = pb.Split('.');
        for (var i = 0; i < Math.Min(xa.Length, xb.Length); i++)
        {
            var ia = long.TryParse(xa[i], out var va);
            var ib = long.TryParse(xb[i], out var vb);
            var c = ia && ib ? va.CompareTo(vb) : ia ? -1 : ib ? 1 : string.CompareOrdinal(xa[i], xb[i]);
            if (c != 0) return c;
        }
        return xa.Length.CompareTo(xb.Length);
    }

    private static (long[] Numbers, string Pre) Parse(string? version)
    {
        var text = (version ?? "0.0.0").Trim().TrimStart('v', 'V');
        var plus = text.IndexOf('+');
        if (plus >= 0) text = text[..plus];
        var dash = text.IndexOf('-');
        var pre = dash >= 0 ? text[(dash + 1)..] : "";
        var core = dash >= 0 ? text[..dash] : text;
        var numbers = new long[3];
        var parts = core.Split('.');
        for (var i = 0; i < 3 && i < parts.Length; i++)
            numbers[i] = long.TryParse(parts[i], out var n) ? n : 0;
        return (numbers, pre);
    }
}

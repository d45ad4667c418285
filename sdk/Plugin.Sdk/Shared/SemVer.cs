// Linked into the generator (plugin versions, release-note order) and into Plugin.Music (music plugin updates), and
// internal in both, so the two read versions by one set of rules. Plugin.Sdk compiles it too (every file under its
// folder), where it is internal and unused. Dependency-free and netstandard2.0-compatible because the generator runs
// inside the compiler. See README.md in this folder.
using System;

namespace Plugin.Sdk;

/// <summary>
/// Semantic versions: <c>MAJOR.MINOR.PATCH[-prerelease][+build]</c> (semver.org 2.0), which versions are valid and how
/// they are ordered. The order is NuGet's (a plugin's version is its NuGet package version, and the host's market and
/// installer order packages with NuGet.Versioning): numeric identifiers compare as numbers (<c>beta.10</c> after
/// <c>beta.9</c>), numeric identifiers before alphanumeric ones, a longer prerelease after its prefix, a prerelease
/// before its release, build metadata ignored; alphanumeric identifiers compare ignoring case, as NuGet does, where
/// semver.org would compare them case-sensitively.
/// </summary>
internal static class SemVer
{
    /// <summary>
    /// Whether <paramref name="version"/> is a semantic version: three numeric parts without leading zeros, then an
    /// optional <c>-prerelease</c> and <c>+build</c> of dot-separated, non-empty identifiers of ASCII letters, digits and
    /// <c>-</c>; a prerelease identifier made of digits only has no leading zero either (<c>1.0.0-01</c> is refused, as
    /// semver.org and NuGet refuse it; build metadata may have one). No leading <c>v</c>, no whitespace.
    /// </summary>
    public static bool IsValid(string version)
    {
        var core = Split(version, out var prerelease, out var build);
        var parts = core.Split('.');
        if (parts.Length != 3) return false;
        foreach (var part in parts)
            if (!IsNumericIdentifier(part)) return false;
        return (prerelease is null || AreIdentifiers(prerelease, numericWithoutLeadingZero: true))
            && (build is null || AreIdentifiers(build, numericWithoutLeadingZero: false));
    }

    /// <summary>
    /// Orders two versions: negative when <paramref name="a"/> comes first, 0 when they are equal, positive otherwise.
    /// Loose, because release notes and music plugins write versions loosely ("v1.8", "2.0", " 1.2.3 "): a leading
    /// <c>v</c> and surrounding whitespace are ignored, missing core parts count as 0 (so "2" equals "2.0.0"), and a
    /// null or empty version is 0.
    /// </summary>
    public static int Compare(string? a, string? b)
    {
        var coreA = Split(Trim(a), out var preA, out _).Split('.');
        var coreB = Split(Trim(b), out var preB, out _).Split('.');
        for (var i = 0; i < Math.Max(coreA.Length, coreB.Length); i++)
        {
            var c = CompareCorePart(i < coreA.Length ? coreA[i] : "0", i < coreB.Length ? coreB[i] : "0");
            if (c != 0) return c;
        }
        if (preA is null) return preB is null ? 0 : 1;
        if (preB is null) return -1;
        return ComparePrerelease(preA, preB);
    }

    /// <summary>semver.org 2.0 §11.4, with NuGet's case-insensitive comparison of alphanumeric identifiers.</summary>
    private static int ComparePrerelease(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var numericX = IsDigits(x[i]);
            var numericY = IsDigits(y[i]);
            var c = numericX && numericY ? CompareNumbers(x[i], y[i])
                : numericX ? -1
                : numericY ? 1
                : string.Compare(x[i], y[i], StringComparison.OrdinalIgnoreCase);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    /// <summary>Numbers as numbers; a part that is not a number (only in loose input) compares as text.</summary>
    private static int CompareCorePart(string a, string b)
    {
        if (a.Length == 0) a = "0";
        if (b.Length == 0) b = "0";
        return IsDigits(a) && IsDigits(b) ? CompareNumbers(a, b) : string.CompareOrdinal(a, b);
    }

    /// <summary>Compares digit strings of any length without parsing them (no overflow): fewer significant digits is smaller.</summary>
    private static int CompareNumbers(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }

    private static string Trim(string? version)
    {
        var text = (version ?? "").Trim();
        return text.Length > 0 && (text[0] == 'v' || text[0] == 'V') ? text.Substring(1) : text;
    }

    /// <summary>Splits off <c>+build</c> (everything after the first <c>+</c>), then <c>-prerelease</c> (everything
    /// after the first <c>-</c> of the rest, so a prerelease may itself contain <c>-</c>).</summary>
    private static string Split(string version, out string? prerelease, out string? build)
    {
        var plus = version.IndexOf('+');
        build = plus >= 0 ? version.Substring(plus + 1) : null;
        var rest = plus >= 0 ? version.Substring(0, plus) : version;
        var dash = rest.IndexOf('-');
        prerelease = dash >= 0 ? rest.Substring(dash + 1) : null;
        return dash >= 0 ? rest.Substring(0, dash) : rest;
    }

    private static bool AreIdentifiers(string text, bool numericWithoutLeadingZero)
    {
        foreach (var id in text.Split('.'))
        {
            if (id.Length == 0) return false;
            foreach (var c in id)
                if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-')) return false;
            if (numericWithoutLeadingZero && IsDigits(id) && !IsNumericIdentifier(id)) return false;
        }
        return true;
    }

    private static bool IsNumericIdentifier(string text) => IsDigits(text) && (text.Length == 1 || text[0] != '0');

    private static bool IsDigits(string text)
    {
        if (text.Length == 0) return false;
        foreach (var c in text)
            if (c is < '0' or > '9') return false;
        return true;
    }
}

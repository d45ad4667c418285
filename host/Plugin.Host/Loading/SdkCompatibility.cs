namespace Plugin.Host.Loading;

/// <summary>
/// Which plugins this host can run, by the Plugin.Sdk version a plugin was built against. The SDK's promise (sdk/README.md,
/// "Versioning") is that a 1.x minor only adds: a plugin built against 1.0 runs on every 1.x host. The reverse does
/// not hold — a plugin built against a newer minor may call members this host's SDK lacks and would fail at its first
/// call — so it is refused at install and load with a message saying what to update. Another major is refused too.
/// The installer (package dependency, compiled reference) and the loader (compiled reference, manifest) ask this one rule.
/// </summary>
public static class SdkCompatibility
{
    /// <summary>Why a plugin built against <paramref name="built"/> cannot run on <paramref name="host"/>; null when it can.</summary>
    public static string? Refusal(Version built, Version host)
    {
        if (built.Major != host.Major)
            return $"was built against Plugin.Sdk {Format(built)} (major {built.Major}); this host provides Plugin.Sdk {Format(host)} (major {host.Major})";
        if (built.Minor > host.Minor)
            return $"was built against Plugin.Sdk {Format(built)}, newer than this host's Plugin.Sdk {Format(host)}: update the host, or install a version of the plugin built for Plugin.Sdk {host.Major}.{host.Minor} or older";
        return null;
    }

    /// <summary>Reads a version as plugins state it ("1.1.0", "1.1.0-beta.2+build"); null when it is not one.</summary>
    public static Version? Parse(string? text) =>
        text is not null && Version.TryParse(text.Split('-', '+')[0], out var version) ? version : null;

    private static string Format(Version version) => version.ToString(Math.Clamp(version.Build >= 0 ? 3 : 2, 2, 3));
}

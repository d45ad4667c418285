using Microsoft.Extensions.Configuration;

namespace Plugin.Host.Hosting;

/// <summary>
/// The host's time zone (MoviePilot's <c>settings.TZ</c>): <c>Host:TimeZone</c> (an IANA id such as
/// <c>Asia/Shanghai</c>), else the <c>TZ</c> environment variable, else the machine's zone. Crontabs are read in it,
/// the services list shows times in it, and plugins get it as <c>Context.Host.TimeZone</c>. Resolved once at start; a
/// configured id the machine does not know stops the start (a silent fallback would run every cron at the wrong hour).
/// </summary>
public sealed class HostTimeZone
{
    public const string Key = "Host:TimeZone";

    public HostTimeZone(TimeZoneInfo zone)
    {
        Zone = zone;
        IanaId = IanaIdOf(zone);
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone's IANA id (the services list's <c>time_zone</c>).</summary>
    public string IanaId { get; }

    /// <summary><paramref name="time"/> with this zone's offset (the same instant).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    public static HostTimeZone From(IConfiguration configuration) =>
        From(configuration[Key], Environment.GetEnvironmentVariable("TZ"));

    public static HostTimeZone From(string? configured, string? tzVariable)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Find(configured.Trim()) is { } zone
                ? new HostTimeZone(zone)
                : throw new InvalidOperationException(
                    $"{Key} '{configured}' is not a time zone this machine knows; use an IANA id such as Asia/Shanghai or Europe/Berlin.");
        }
        // TZ may be written ":Asia/Shanghai" (glibc's form); a POSIX rule such as "CST-8" is not an id: the machine's zone then.
        if (!string.IsNullOrWhiteSpace(tzVariable) && Find(tzVariable.Trim().TrimStart(':')) is { } fromTz)
            return new HostTimeZone(fromTz);
        return new HostTimeZone(TimeZoneInfo.Local);
    }

    private static TimeZoneInfo? Find(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }

    private static string IanaIdOf(TimeZoneInfo zone)
    {
        if (zone.HasIanaId) return zone.Id;
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana)) return iana;
        // A machine zone without an id ("Local" from a copied /etc/localtime): name UTC when it is UTC, else keep what we have.
        return zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime ? "Etc/UTC" : zone.Id;
    }
}

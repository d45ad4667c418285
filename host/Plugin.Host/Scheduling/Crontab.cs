using Cronos;

namespace Plugin.Host.Scheduling;

/// <summary>
/// Crontab as users write it (MoviePilot's <c>CronTrigger.from_crontab</c>): five fields <c>minute hour day month weekday</c>,
/// with lists, ranges, steps and names; weekday 0 and 7 are both Sunday. When both day and weekday are restricted, a
/// time must match both (as APScheduler, MoviePilot's scheduler, reads it; Vixie cron would fire on either). Six fields
/// (leading seconds) are accepted too. Quartz's own cron dialect differs (weekday 1 = Sunday, <c>?</c> required), so the
/// next occurrence is computed here with Cronos and handed to Quartz as a one-shot trigger.
/// </summary>
public sealed class Crontab
{
    private readonly CronExpression _expression;

    private Crontab(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    public static Crontab Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var fields = normalized.Split(' ').Length;
        var format = fields switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => throw new FormatException($"A crontab needs 5 fields (minute hour day month weekday); got {fields} in '{text}'."),
        };
        try
        {
            return new Crontab(normalized, CronExpression.Parse(normalized, format));
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"Invalid crontab '{text}': {e.Message}", e);
        }
    }

    public static bool TryParse(string? text, out Crontab? crontab, out string? error)
    {
        crontab = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty crontab";
            return false;
        }
        try
        {
            crontab = Parse(text);
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in <paramref name="zone"/>'s wall-clock time.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone) => _expression.GetNextOccurrence(after, zone);

    public override string ToString() => Text;
}

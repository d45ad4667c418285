using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace Plugin.Host.Scheduling;

/// <summary>
/// Crontab as users write it (MoviePilot's <c>CronTrigger.from_crontab</c>): five fields <c>minute hour day month weekday</c>,
/// with lists, ranges, steps and names; weekday 0 and 7 are both Sunday. When both day and weekday are restricted, a
/// time must match both (as APScheduler, MoviePilot's scheduler, reads it; Vixie cron would fire on either). Six fields
/// (leading seconds) are accepted too. Quartz's own cron dialect differs (weekday 1 = Sunday, <c>?</c> required), so the
/// next occurrence is computed here with Cronos and handed to Quartz as a one-shot trigger. Cronos also reads extensions
/// MoviePilot's crontab does not have (<c>L</c>, <c>W</c>, <c>#</c>, <c>?</c>, <c>H</c>) and reversed ranges such as
/// <c>5-1</c>; those are refused, so the host schedules exactly what the generator's check of
/// <c>[Service(Cron = ...)]</c> lets through (CronAgreementTests runs one corpus through both).
/// </summary>
public sealed class Crontab
{
    private static readonly string[] s_months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] s_days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>One list item: <c>*</c>, a value or a range of values (numbers or three-letter names), then an optional step.</summary>
    private static readonly Regex s_item = new(@"^(?:\*|(?<low>[0-9]+|[A-Za-z]{3})(?:-(?<high>[0-9]+|[A-Za-z]{3}))?)(?:/[0-9]+)?$",
        RegexOptions.CultureInvariant);

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
        if (DialectError(normalized.Split(' ')) is { } dialectError)
            throw new FormatException($"Invalid crontab '{text}': {dialectError}.");
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

    /// <summary>What MoviePilot's crontab refuses and Cronos would read: other item syntax, ranges that run backwards.</summary>
    private static string? DialectError(string[] fields)
    {
        // With six fields the first is seconds: the month is always the second field from the end, the weekday the last.
        var month = fields.Length - 2;
        var weekday = fields.Length - 1;
        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var item in fields[i].Split(','))
            {
                var match = s_item.Match(item);
                if (!match.Success)
                    return $"'{item}' is not *, a number, a name, a range or a step (L, W, #, ? and H are not crontab syntax here)";
                if (match.Groups["high"].Success)
                {
                    var names = i == month ? s_months : i == weekday ? s_days : null;
                    var low = Value(match.Groups["low"].Value, names, i == month ? 1 : 0);
                    var high = Value(match.Groups["high"].Value, names, i == month ? 1 : 0);
                    if (low is not null && high is not null && low > high)
                        return $"the range '{item}' runs backwards";
                }
            }
        }
        return null;
    }

    /// <summary>A number, or a name's place among <paramref name="names"/> (from <paramref name="first"/>); null when it is
    /// neither (Cronos then reports it).</summary>
    private static int? Value(string text, string[]? names, int first)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        return index >= 0 ? index + first : null;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in <paramref name="zone"/>'s wall-clock time.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone) => _expression.GetNextOccurrence(after, zone);

    public override string ToString() => Text;
}

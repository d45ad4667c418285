extern alias Generator;

using Plugin.Host.Scheduling;
using CronValidator = Generator::Plugin.Sdk.Generators.Parsing.CronValidator;

namespace Plugin.Host.Tests.SharedRules;

/// <summary>
/// The generator checks <c>[Service(Cron = ...)]</c> with its own validator (it runs inside the compiler and cannot load
/// Cronos); the host schedules with Cronos. A crontab the generator accepts must be one the host can schedule, and one
/// it refuses must be one the host refuses too, or an author gets an error for a schedule that would have run (or no
/// error for one that never runs). One corpus through both.
/// </summary>
public class CronAgreementTests
{
    public static TheoryData<string> Corpus() => new(
        // plain, lists, ranges, steps
        "* * * * *", "0 8 * * *", "0 0 1,15 * *", "*/15 * * * *", "5-55/10 0-23/2 1-31 1-12 0-7", "0 9-17 * * 1-5",
        "0,30 8,20 * * *", "1-5,22 * * * *", "5/15 * * * *", "0 0 */2 * *", "*/59 * * * *", "*/23 */12 */31 */12 */7",
        "00 08 * * *", " 0  8 * *  * ", "0\t8\t*\t*\t*",
        // names, any case, in ranges and lists
        "0 12 * JAN *", "0 12 * jan-jun *", "0 12 * * MON-FRI", "0 12 * * mon,wed,fri", "0 12 * dec sun", "0 0 * * SUN-SAT",
        "0 0 * JAN-DEC/2 *",
        // Sunday is 0 and 7
        "0 0 * * 0", "0 0 * * 7", "0 0 * * 5-7",
        // out of range
        "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *", "* * * 0 *", "* * * 13 *", "* * * * 8", "-1 * * * *",
        // steps
        "*/0 * * * *", "*/60 * * * *", "*/x * * * *", "*/ * * * *", "1-5/0 * * * *",
        // malformed ranges, lists, names
        "5-1 * * * *", "0 23-1 * * *", "* * * DEC-JAN *", "* * * * FRI-MON", "0 0 * * SAT-SUN", "0 */24 * * *", "1- * * * *", "-5 * * * *", "1-2-3 * * * *", "1,,2 * * * *", ",1 * * * *", "1, * * * *",
        "* * * FOO *", "* * * * MONDAY", "* * * JANUARY *", "* * * MON *", "* * * * JAN", "MON * * * *", "H * * * *",
        "1.5 * * * *", "+1 * * * *",
        // field count, macros, empty
        "", "   ", "* * * *", "* * * * * * *", "@daily", "@hourly", "@every_minute", "@reboot",
        // extensions of other dialects (Quartz, Cronos)
        "0 0 ? * *", "0 0 * * ?", "0 0 L * *", "0 0 15W * *", "0 0 * * 5L", "0 0 * * 1#2", "0 0 LW * *");

    /// <summary>Six fields (leading seconds) are accepted by the host, for crontabs a user types into a config form;
    /// <c>[Service(Cron)]</c> documents five fields, so the generator refuses six. By design, not drift.</summary>
    public static TheoryData<string> SixFields() => new("0 0 8 * * *", "*/10 * * * * *", "30 0 12 * * MON-FRI", "0 0 0 * JAN-MAR *");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Generator_and_host_accept_the_same_crontabs(string cron)
    {
        var generatorError = CronValidator.Validate(cron);
        Crontab.TryParse(cron, out _, out var hostError);
        Assert.True((generatorError is null) == (hostError is null),
            $"'{cron}': generator {(generatorError is null ? "accepts" : "refuses (" + generatorError + ")")}, " +
            $"host {(hostError is null ? "accepts" : "refuses (" + hostError + ")")}");
    }

    [Theory]
    [MemberData(nameof(SixFields))]
    public void Six_fields_are_for_the_host_only(string cron)
    {
        Assert.Contains("6 fields", CronValidator.Validate(cron));
        Assert.True(Crontab.TryParse(cron, out _, out var error), error);
    }
}

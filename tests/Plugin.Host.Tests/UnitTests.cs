using Plugin.Host.Scheduling;
using Plugin.Host.Security;

namespace Plugin.Host.Tests;

public sealed class CrontabTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero); // a Monday

    private static DateTimeOffset Next(string cron, DateTimeOffset? after = null) => Crontab.Parse(cron).Next(after ?? Monday, Utc)!.Value;

    [Theory]
    [InlineData("0 8 * * 0")]
    [InlineData("0 8 * * 7")]
    [InlineData("0 8 * * SUN")]
    [InlineData("0 8 * * sun")]
    public void Sunday_is_0_7_or_its_name(string cron)
    {
        var next = Next(cron);
        Assert.Equal(DayOfWeek.Sunday, next.DayOfWeek);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Ranges_lists_steps_and_names()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero), Next("*/15 9-17 * * MON-FRI"));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), Next("0 0 * * 5-7", new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Next("0 0 1,15 * *"));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 6, 30, 0, TimeSpan.Zero), Next("30 6 1 JAN *"));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 1, 0, TimeSpan.Zero), Next("* * * * *"));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), Next("0 0-23/6 * * *"));
    }

    [Fact]
    public void Day_and_weekday_both_restricted_must_both_match_as_in_MoviePilot()
    {
        // APScheduler (MoviePilot) reads "0 0 13 * 5" as Friday the 13th; the next one after 23 Nov 2026 is in August 2027.
        Assert.Equal(new DateTimeOffset(2027, 8, 13, 0, 0, 0, TimeSpan.Zero), Next("0 0 13 * 5"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * * *")]
    [InlineData("61 * * * *")]
    [InlineData("0 8 * * 8")]
    [InlineData("a b c d e")]
    public void Malformed_crontabs_are_refused_with_a_reason(string cron)
    {
        Assert.False(Crontab.TryParse(cron, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}

public sealed class SecurityTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Tokens_validate_and_reject_tampering_and_expiry()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var tokens = new JwtTokens(new byte[32], clock, TimeSpan.FromMinutes(10));
        var token = tokens.Issue("admin");
        Assert.Equal("admin", tokens.Validate(token));
        Assert.Null(tokens.Validate(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]));
        Assert.Null(new JwtTokens(new byte[] { 1, 2, 3 }, clock, TimeSpan.FromMinutes(10)).Validate(token));
        clock.Now = clock.Now.AddMinutes(11);
        Assert.Null(tokens.Validate(token));
        Assert.Null(tokens.Validate("not.a.token"));
    }

    [Fact]
    public void Passwords_are_stored_as_salted_pbkdf2()
    {
        var hash = PasswordHasher.Hash("secret");
        Assert.StartsWith("pbkdf2$", hash);
        Assert.DoesNotContain("secret", hash);
        Assert.True(PasswordHasher.Verify("secret", hash));
        Assert.False(PasswordHasher.Verify("Secret", hash));
        Assert.NotEqual(hash, PasswordHasher.Hash("secret"));
    }

    [Fact]
    public void First_run_generates_prints_once_and_stores_the_password_hashed()
    {
        var dir = Directory.CreateTempSubdirectory("host-secrets").FullName;
        try
        {
            var database = new Storage.HostDatabase(dir);
            var options = Microsoft.Extensions.Options.Options.Create(new HostSettings());
            var console = new StringWriter();
            var secrets = new HostSecrets(options, database, console);
            var printed = console.ToString();
            var password = System.Text.RegularExpressions.Regex.Match(printed, "password: (\\S+)").Groups[1].Value;
            Assert.True(secrets.CheckLogin("admin", password));
            Assert.Contains(secrets.ApiToken, printed);
            Assert.DoesNotContain(password, database.GetSetting("admin_password_hash"));

            var again = new StringWriter();
            var second = new HostSecrets(options, database, again);
            Assert.Equal("", again.ToString());
            Assert.Equal(secrets.ApiToken, second.ApiToken);
            Assert.True(second.CheckLogin("admin", password));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

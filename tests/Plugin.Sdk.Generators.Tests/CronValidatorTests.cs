extern alias Generator;

using SemVer = Generator::Plugin.Sdk.SemVer;

namespace Plugin.Sdk.Generators.Tests;

public class CronValidatorTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 8 * * *")]
    [InlineData("*/15 1-5,22 * JAN-jun mon-FRI")]
    [InlineData("0 0 1,15 * 0")]
    [InlineData("0 0 * * 7")]
    [InlineData("5-55/10 0-23/2 1-31 1-12 0-7")]
    [InlineData("0 12 * dec sun")]
    public void Valid(string cron) => Assert.Null(CronValidator.Validate(cron));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("* * * *", "4 fields")]
    [InlineData("* * * * * *", "6 fields")]
    [InlineData("60 * * * *", "60 is outside 0-59")]
    [InlineData("* 24 * * *", "24 is outside 0-23")]
    [InlineData("* * 0 * *", "0 is outside 1-31")]
    [InlineData("* * * 13 *", "13 is outside 1-12")]
    [InlineData("* * * * 8", "8 is outside 0-7")]
    [InlineData("*/0 * * * *", "positive")]
    [InlineData("5-1 * * * *", "backwards")]
    [InlineData("* * * FOO *", "FOO")]
    [InlineData("1,,2 * * * *", "empty list item")]
    [InlineData("@daily", "1 field")]
    public void Invalid(string cron, string reason) => Assert.Contains(reason, CronValidator.Validate(cron));

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("2.10.3-beta.1+build.5", true)]
    [InlineData("1.2", false)]
    [InlineData("01.2.3", false)]
    [InlineData("v1.2.3", false)]
    [InlineData("1.0.0-01", false)]
    [InlineData("1.0.0-0.1", true)]
    [InlineData("1.0.0+01", true)]
    public void SemVer_is_checked(string version, bool valid) => Assert.Equal(valid, SemVer.IsValid(version));
}

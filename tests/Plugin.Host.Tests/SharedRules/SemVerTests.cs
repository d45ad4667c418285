extern alias Generator;

using NuGet.Versioning;
using SemVer = Generator::Plugin.Sdk.SemVer;

namespace Plugin.Host.Tests.SharedRules;

/// <summary>
/// sdk/Plugin.Sdk/Shared/SemVer.cs (compiled into the generator and into Plugin.Music) against NuGet.Versioning, which the
/// host's market and installer use for the same versions: for semver 2.0 strings both must order and accept alike.
/// </summary>
public class SemVerTests
{
    private static readonly string[] s_ordered =
    [
        "0.0.1", "0.1.0", "0.9.0", "0.10.0",
        "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.2", "1.0.0-alpha.10",
        "1.0.0-alpha.beta", "1.0.0-alpha-2", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.9", "1.0.0-beta.10", "1.0.0-beta.11",
        "1.0.0-beta.11.1", "1.0.0-beta.x", "1.0.0-beta-1", "1.0.0-rc.1", "1.0.0-rc.1.1", "1.0.0",
        "1.0.1", "1.1.0-a", "1.1.0", "1.2.0", "1.9.0", "1.10.0", "1.10.1", "2.0.0-preview.1", "2.0.0", "10.0.0",
    ];

    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        for (var i = 0; i < s_ordered.Length; i++)
            for (var j = 0; j < s_ordered.Length; j++)
                pairs.Add(s_ordered[i], s_ordered[j]);
        // Build metadata does not take part in the order.
        pairs.Add("1.0.0+build.1", "1.0.0+build.2");
        pairs.Add("1.0.0-beta.1+a", "1.0.0-beta.1");
        // NuGet compares labels ignoring case (semver.org would put "Beta" before "alpha"); SemVer follows NuGet.
        pairs.Add("1.0.0-Beta", "1.0.0-alpha");
        pairs.Add("1.0.0-beta", "1.0.0-BETA");
        pairs.Add("1.0.0-RC.1", "1.0.0-rc.2");
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Orders_as_NuGet_does(string a, string b) =>
        Assert.Equal(Math.Sign(NuGetVersion.Parse(a).CompareTo(NuGetVersion.Parse(b))), Math.Sign(SemVer.Compare(a, b)));

    [Fact]
    public void The_corpus_is_in_semver_order() =>
        Assert.Equal(s_ordered, s_ordered.Reverse().Order(Comparer<string>.Create(SemVer.Compare)));

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.0.0")]
    [InlineData("2.10.3-beta.1+build.5")]
    [InlineData("1.0.0-alpha-1.x-y")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-0A")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-alpha.01")]
    [InlineData("1.0.0-alpha.0")]
    [InlineData("1.0.0+01")]
    [InlineData("1.2")]
    [InlineData("1")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("v1.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-beta..1")]
    [InlineData("1.2.3-beta_1")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3+a..b")]
    [InlineData(" 1.2.3")]
    [InlineData("")]
    public void Accepts_what_NuGet_reads_as_semver_2(string version) =>
        Assert.Equal(SemanticVersion.TryParse(version, out _), SemVer.IsValid(version));

    [Theory]
    [InlineData("v1.2", "1.2.0", 0)]
    [InlineData("v2", "2.0.0", 0)]
    [InlineData(" 1.2.3 ", "1.2.3", 0)]
    [InlineData(null, "0.0.0", 0)]
    [InlineData("v1.10", "v1.9", 1)]
    [InlineData("1.8", "1.8.0-beta", 1)]
    public void Reads_loose_versions_as_release_notes_and_music_plugins_write_them(string? a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(SemVer.Compare(a, b)));
}

namespace Plugin.Sdk.Testing.Tests;

public sealed class SignInDay
{
    public string Site { get; set; } = "";
    public bool Ok { get; set; }
}

public sealed class BalanceQuery
{
    public string Site { get; set; } = "";
}

public sealed class Balance
{
    public string Site { get; set; } = "";
    public int Points { get; set; }
}

/// <summary>Shares its totals, offers a balance service, and reads another plugin (AutoSignIn) and its service.</summary>
[Plugin(Name = "积分", Description = "测试用插件", Author = "tests")]
public partial class LedgerPlugin : PluginBase<PluginConfig>
{
    protected override async Task OnInitAsync(CancellationToken cancellationToken)
    {
        await Context.Data.SaveAsync("totals", new Balance { Site = "all", Points = 42 }, cancellationToken);
        await Context.Data.SaveAsync("token", "private", cancellationToken);
        await Context.Data.ShareAsync("totals", cancellationToken);
        Context.Plugins.Offer<BalanceQuery, Balance>("balance", (q, _) => Task.FromResult(new Balance { Site = q.Site, Points = q.Site.Length }));
    }

    /// <summary>What the plugin does with its neighbour: yesterday's sign-ins and the neighbour's count service.</summary>
    public async Task<(SharedData<List<SignInDay>> Days, int? Count)> ReadNeighbourAsync()
    {
        var days = await Context.Plugins.GetDataAsync<List<SignInDay>>("AutoSignIn", "2026-12-02");
        int? count = null;
        if (Context.Plugins.IsOffered("AutoSignIn", "count"))
            count = await Context.Plugins.CallAsync<string, int>("AutoSignIn", "count", "all");
        return (days, count);
    }
}

public sealed class InteropTests
{
    [Fact]
    public async Task Seeded_neighbours_answer_by_the_hosts_rules()
    {
        await using var harness = PluginHarness.Create<LedgerPlugin>();
        harness.SetConfig(new { enabled = true });
        await harness.InitializeAsync();

        // Nothing seeded: the neighbour is unknown and offers nothing.
        var (days, count) = await harness.Plugin.ReadNeighbourAsync();
        Assert.Equal(SharedDataStatus.UnknownPlugin, days.Status);
        Assert.Null(count);

        var signIn = harness.Context.Plugins.AddPlugin("AutoSignIn");
        signIn.Set("2026-12-02", new[] { new SignInDay { Site = "a.org", Ok = true } });
        (days, _) = await harness.Plugin.ReadNeighbourAsync();
        Assert.Equal(SharedDataStatus.NotShared, days.Status);
        Assert.Null(days.Value);

        await signIn.ShareAsync("2026-*");
        using (harness.Context.Plugins.OfferAs<string, int>("AutoSignIn", "count", (site, _) => Task.FromResult(site.Length)))
        {
            (days, count) = await harness.Plugin.ReadNeighbourAsync();
            Assert.True(days.Found, days.Message);
            Assert.Equal("a.org", Assert.Single(days.Value!).Site);
            Assert.Equal(3, count);

            harness.Context.Plugins.SetActive("AutoSignIn", false);
            Assert.False(harness.Context.Plugins.IsOffered("AutoSignIn", "count"));
            await Assert.ThrowsAsync<PluginServiceUnavailableException>(() => harness.Context.Plugins.CallAsync<string, int>("AutoSignIn", "count", "x"));
            harness.Context.Plugins.SetActive("AutoSignIn", true);
        }
        Assert.False(harness.Context.Plugins.IsOffered("AutoSignIn", "count"));

        harness.Context.Plugins.RemovePlugin("AutoSignIn");
        Assert.Equal(SharedDataStatus.UnknownPlugin, (await harness.Plugin.ReadNeighbourAsync()).Days.Status);
        Assert.Throws<ArgumentException>(() => { signIn.ShareAsync("a*b").GetAwaiter().GetResult(); });
    }

    [Fact]
    public async Task The_plugins_own_shares_and_services_are_what_others_get_until_it_stops()
    {
        await using var harness = PluginHarness.Create<LedgerPlugin>();
        harness.SetConfig(new { enabled = true });
        await harness.InitializeAsync();

        Assert.Equal(["totals"], await harness.Data.SharedAsync());
        Assert.Equal(["totals"], await harness.Context.Plugins.SharedKeysAsync("LedgerPlugin"));
        Assert.Equal(SharedDataStatus.NotShared, (await harness.Context.Plugins.GetDataAsync<string>("LedgerPlugin", "token")).Status);
        Assert.Equal(["balance"], harness.Context.Plugins.Offered);

        // Called as another plugin would: its own types on the other side, JSON in between.
        var balance = await harness.Context.Plugins.CallOfferedAsync<Dictionary<string, string>, Dictionary<string, object>>(
            "balance", new() { ["site"] = "b.org" });
        Assert.Equal("b.org", balance!["site"].ToString());
        Assert.Equal("5", balance["points"].ToString());

        await harness.StopAsync();
        Assert.Empty(harness.Context.Plugins.Offered);
        await Assert.ThrowsAsync<PluginServiceUnavailableException>(() =>
            harness.Context.Plugins.CallOfferedAsync<BalanceQuery, Balance>("balance", new BalanceQuery { Site = "x" }));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk;

namespace Plugin.Host.Tests.DispatchContract;

/// <summary>
/// The test kit promises to answer as the host does. Every scenario here runs through two drivers — the real host on
/// loopback and <c>PluginHarness</c> — against the same compiled plugin, and the two answers must be equal.
/// </summary>
[Collection(ContractHostCollection.Name)]
public sealed class DispatchContractTests(ContractHostFixture host, ContractWorkerHostFixture worker) : IAsyncLifetime
{
    private readonly IDispatchDriver[] _drivers = [new HostDriver(host), new HostDriver(worker, "the host with the plugin in a worker"), HarnessDriver.Create()];

    public Task InitializeAsync() => Task.WhenAll(_drivers.Select(d => d.StartAsync()));

    public Task DisposeAsync()
    {
        foreach (var driver in _drivers.OfType<IDisposable>())
            driver.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="scenario"/> through every driver and insists the answers are equal (JSON text).</summary>
    private async Task<T> Agree<T>(Func<IDispatchDriver, Task<T>> scenario)
    {
        var answers = new List<(string Driver, string Json, T Value)>();
        foreach (var driver in _drivers)
        {
            var value = await scenario(driver);
            answers.Add((driver.Name, JsonSerializer.Serialize(value), value));
        }
        var (hostName, hostJson, hostValue) = answers[0];
        foreach (var (name, json, _) in answers.Skip(1))
            Assert.True(hostJson == json, $"{name} answered\n  {json}\nbut {hostName} answered\n  {hostJson}");
        return hostValue;
    }

    [Theory]
    [InlineData("/contract one two")]
    [InlineData("/contract\tone two")]
    [InlineData("  /contract\t  spaced\targs  ")]
    [InlineData("/contract")]
    public async Task A_command_line_is_split_into_command_and_arguments_alike(string line)
    {
        var outcome = await Agree(d => d.SendCommandAsync(line));
        Assert.True(outcome.Handled);
    }

    [Fact]
    public async Task An_unknown_command_is_refused_by_both()
    {
        var outcome = await Agree(d => d.SendCommandAsync("/contract_nope x"));
        Assert.False(outcome.Handled);
    }

    [Theory]
    [InlineData("GET", "/items")]
    [InlineData("GET", "/items/")]
    [InlineData("GET", "//items")]
    [InlineData("POST", "/items/")]
    public async Task Api_paths_are_normalised_alike(string method, string path)
    {
        var answer = await Agree(d => d.CallApiAsync(method, path));
        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task A_head_request_is_answered_by_the_get_api()
    {
        var answer = await Agree(d => d.CallApiAsync("HEAD", "/items"));
        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task A_null_result_is_200_with_the_body_null()
    {
        var answer = await Agree(d => d.CallApiAsync("GET", "/nothing"));
        Assert.Equal((200, "null"), (answer.Status, answer.Body));
    }

    [Theory]
    [InlineData("GET", "/missing", 404)]
    [InlineData("DELETE", "/items", 405)]
    [InlineData("PUT", "/nothing/", 405)]
    public async Task An_unknown_path_is_404_and_a_known_path_with_another_verb_is_405(string method, string path, int status)
    {
        var answer = await Agree(d => d.CallApiAsync(method, path));
        Assert.Equal(status, answer.Status);
    }

    [Theory]
    [InlineData("[PLUGIN]" + ContractPlugin.Id + "|pick_7", true)]
    [InlineData("[PLUGIN]" + ContractPlugin.Id + "|other", false)]
    public async Task A_button_callback_reaches_the_matching_message_action(string callback, bool handled)
    {
        var outcome = await Agree(d => d.PressButtonAsync(callback));
        Assert.Equal(handled, outcome.Handled);
    }

    [Fact]
    public async Task A_discover_source_plugin_sees_its_own_declared_source_in_the_chain()
    {
        var data = await Agree(d => d.RunChainAsync(ChainEventType.DiscoverSource, new DiscoverSourceEventData()));
        var sources = data["extra_sources"]!.AsArray();
        Assert.Equal(2, sources.Count);
        Assert.Equal("plugin/ContractPlugin/discover", sources[0]!["api_path"]!.GetValue<string>());
        Assert.Equal("handler saw: Contract films @ plugin/ContractPlugin/discover", sources[1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Recommend_handlers_run_by_priority_after_the_declared_source()
    {
        var data = await Agree(d => d.RunChainAsync(ChainEventType.RecommendSource, new RecommendSourceEventData()));
        Assert.Equal(["Contract top", "first after 1", "second"], data["extra_sources"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_storage_provider_plugin_sees_its_own_provider_in_the_chain()
    {
        var data = await Agree(d => d.RunChainAsync(ChainEventType.StorageOperSelection,
            new StorageOperSelectionEventData { Storage = ContractPlugin.StorageType }));
        Assert.Equal("handler saw ContractStorage from ContractPlugin", data["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_config_cron_service_is_scheduled_from_the_config()
    {
        var cron = await Agree(d => d.ServiceCronAsync("contract_sync"));
        Assert.Equal("5 4 * * *", cron);
    }
}

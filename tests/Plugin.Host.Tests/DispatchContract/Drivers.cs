using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk;
using Plugin.Sdk.Testing;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests.DispatchContract;

/// <summary>What a command line or a button press did: whether a plugin handled it, and the replies (title|text).</summary>
public sealed record MessageAnswer(bool Handled, IReadOnlyList<string> Replies);

/// <summary>What a plugin API answered. The body is compared only for 200: error bodies are each side's own wording.</summary>
public sealed record ApiAnswer(int Status, string? Body);

/// <summary>One way to reach the contract plugin: the real host over HTTP, or the test kit in process.</summary>
public interface IDispatchDriver
{
    string Name { get; }

    Task StartAsync();

    Task<MessageAnswer> SendCommandAsync(string line);

    Task<MessageAnswer> PressButtonAsync(string callbackData);

    Task<ApiAnswer> CallApiAsync(string method, string path);

    /// <summary>Runs a chain event and returns its data as the host serialises it.</summary>
    Task<JsonNode> RunChainAsync(ChainEventType type, ChainEventData data);

    Task<string?> ServiceCronAsync(string serviceId);
}

/// <summary>The real host on loopback with only the contract plugin installed and enabled (in process, or in a worker
/// process when the fixture is <see cref="ContractWorkerHostFixture"/>).</summary>
public sealed class HostDriver(ContractHostFixture host, string name = "the host") : IDispatchDriver
{
    public string Name => name;

    public Task StartAsync() => Task.CompletedTask;

    public Task<MessageAnswer> SendCommandAsync(string line) => SendMessageAsync(line);

    public Task<MessageAnswer> PressButtonAsync(string callbackData) => SendMessageAsync(callbackData);

    private async Task<MessageAnswer> SendMessageAsync(string text)
    {
        var answer = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text, userid = "contract-user" });
        var replies = answer!["data"]!["replies"]!.AsArray().Select(r => $"{r!["title"]}|{r["text"]}").ToList();
        return new MessageAnswer(answer["success"]!.GetValue<bool>(), replies);
    }

    public async Task<ApiAnswer> CallApiAsync(string method, string path)
    {
        using var request = host.Request(new HttpMethod(method), $"/api/v1/plugin/{ContractPlugin.Id}{path}", Auth.ApiKey);
        using var response = await host.Http.SendAsync(request);
        var status = (int)response.StatusCode;
        return new ApiAnswer(status, status == 200 ? await response.Content.ReadAsStringAsync() : null);
    }

    public async Task<JsonNode> RunChainAsync(ChainEventType type, ChainEventData data)
    {
        var body = JsonSerializer.Serialize(data, data.GetType(), PluginJson.Options);
        var answer = await host.SendAsync(HttpMethod.Post, $"/api/v1/plugin/chain/{EventTypes.WireName(type)}", body: body);
        Assert.True(answer!["success"]!.GetValue<bool>(), answer.ToJsonString());
        return answer["data"]!["data"]!.DeepClone();
    }

    public async Task<string?> ServiceCronAsync(string serviceId)
    {
        var services = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services");
        var service = services!.AsArray().Single(s => s!["plugin_id"]!.GetValue<string>() == ContractPlugin.Id
            && s["id"]!.GetValue<string>() == serviceId)!;
        var trigger = service["trigger"]!.GetValue<string>();
        return trigger.StartsWith("cron: ", StringComparison.Ordinal) ? trigger["cron: ".Length..] : null;
    }
}

/// <summary>The test kit: <see cref="PluginHarness{TPlugin}"/> over the same compiled assembly, loaded into this process.</summary>
public static class HarnessDriver
{
    // Loaded once: the harness finds the plugin through the assembly's generated manifest, as an author's test does.
    private static readonly Lazy<Type> PluginType = new(() =>
    {
        var assembly = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(ContractPlugin.Built.Assembly));
        return assembly.GetType("Contract.ContractPlugin", throwOnError: true)!;
    });

    public static IDispatchDriver Create() =>
        (IDispatchDriver)Activator.CreateInstance(typeof(HarnessDriver<>).MakeGenericType(PluginType.Value))!;
}

public sealed class HarnessDriver<TPlugin> : IDispatchDriver, IDisposable where TPlugin : class, IPlugin
{
    private readonly PluginHarness<TPlugin> _harness = PluginHarness.Create<TPlugin>();

    public string Name => "the test kit";

    public async Task StartAsync()
    {
        // The host's copy is installed and enabled by the fixture; enable this one the same way a test would.
        _harness.SetConfig(new JsonObject { ["enabled"] = true });
        await _harness.InitializeAsync();
    }

    public async Task<MessageAnswer> SendCommandAsync(string line)
    {
        try
        {
            return Answer(await _harness.RunCommandAsync(line, "contract-user"));
        }
        catch (InvalidOperationException)
        {
            return new MessageAnswer(false, []);
        }
    }

    public async Task<MessageAnswer> PressButtonAsync(string callbackData)
    {
        try
        {
            return Answer(await _harness.PressButtonAsync(callbackData, "contract-user"));
        }
        catch (InvalidOperationException)
        {
            return new MessageAnswer(false, []);
        }
    }

    private static MessageAnswer Answer(IReadOnlyList<Notification> replies) =>
        new(true, replies.Select(r => $"{r.Title}|{r.Text}").ToList());

    public async Task<ApiAnswer> CallApiAsync(string method, string path)
    {
        var result = await _harness.SendApiRequestAsync(method, path);
        return new ApiAnswer(result.StatusCode, result.StatusCode == 200 ? result.Body : null);
    }

    public async Task<JsonNode> RunChainAsync(ChainEventType type, ChainEventData data)
    {
        var after = await _harness.SendChainAsync(type, data);
        return JsonSerializer.SerializeToNode(after, after.GetType(), PluginJson.Options)!;
    }

    public Task<string?> ServiceCronAsync(string serviceId) => Task.FromResult(_harness.ServiceCron(serviceId));

    public void Dispose() => _harness.Dispose();
}

/// <summary>A host of its own: the contract plugin's declared sources and handlers must not meet other test plugins.</summary>
public class ContractHostFixture : HostFixture
{
    protected override void PackPlugins() =>
        PluginPackages.Pack(Feed, ContractPlugin.Package, ContractPlugin.Version, ContractPlugin.Built.Assembly,
            packageJson: ContractPlugin.Built.PackageJson);

    protected override async Task InstallPluginsAsync()
    {
        Installs[ContractPlugin.Id] = await SendAsync(HttpMethod.Get, $"/api/v1/plugin/install/{ContractPlugin.Package}");
        await SendAsync(HttpMethod.Put, $"/api/v1/plugin/{ContractPlugin.Id}", body: new { enabled = true });
    }
}

/// <summary>The same, with the plugin in a worker process (<c>Host:Plugins:Isolation=Process</c>, issue 20): every
/// scenario must answer as it does in process.</summary>
public sealed class ContractWorkerHostFixture : ContractHostFixture
{
    protected override IEnumerable<string> HostArguments => ["--Host:Plugins:Isolation=Process"];
}

[CollectionDefinition(Name)]
public sealed class ContractHostCollection : ICollectionFixture<ContractHostFixture>, ICollectionFixture<ContractWorkerHostFixture>
{
    public const string Name = "dispatch contract host";
}

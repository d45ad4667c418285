using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Web;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// Issue 13 point 7: a config is checked against the plugin's config class before it is stored (unknown keys dropped
/// and named, a value of the wrong type refused with 400 naming the field), and request bodies are capped
/// (<c>Host:Limits:MaxRequestBodyBytes</c>, 413 with a message).
/// </summary>
[Trait("Category", "FaultSuite")]
[Collection(HostCollection.Name)]
public sealed class ConfigValidationTests(HostFixture host)
{
    private const string Echo = "/api/v1/plugin/Echo";

    /// <summary>Runs <paramref name="test"/> and puts Echo's config back, for the other tests of the collection.</summary>
    private async Task KeepingEchoConfigAsync(Func<Task> test)
    {
        var before = await host.SendAsync(HttpMethod.Get, Echo);
        try { await test(); }
        finally { await host.SendAsync(HttpMethod.Put, Echo, body: before!.ToJsonString()); }
    }

    [Fact]
    public Task Unknown_keys_are_dropped_and_named_in_the_message() => KeepingEchoConfigAsync(async () =>
    {
        var saved = await host.SendAsync(HttpMethod.Put, Echo, body: new JsonObject
        {
            ["enabled"] = true, ["Greeting"] = "case differs", ["limit"] = "4", ["bogus"] = 1, ["also_not_there"] = new JsonObject(),
        }.ToJsonString());
        Assert.True(saved!["success"]!.GetValue<bool>());
        Assert.EndsWith("Unknown keys ignored: bogus, also_not_there.", saved["message"]!.GetValue<string>());
        var config = (await host.SendAsync(HttpMethod.Get, Echo))!.AsObject();
        Assert.False(config.ContainsKey("bogus"));
        Assert.False(config.ContainsKey("also_not_there"));
        Assert.Equal("case differs", config["greeting"]?.GetValue<string>() ?? config["Greeting"]!.GetValue<string>());

        // PATCH the same way; many unknown keys are counted, not all listed.
        var changes = new JsonObject { ["enabled"] = true };
        for (var i = 0; i < 1000; i++) changes["k" + i] = i;
        var patched = await host.SendAsync(HttpMethod.Patch, Echo, body: changes.ToJsonString());
        Assert.EndsWith("Unknown keys ignored: k0, k1, k2, k3, k4 and 995 more.", patched!["message"]!.GetValue<string>());
        Assert.False((await host.SendAsync(HttpMethod.Get, Echo))!.AsObject().ContainsKey("k0"));
    });

    [Theory]
    [InlineData("PUT", """{"enabled": true, "greeting": 5}""", "field 'greeting' must be a string, not a number")]
    [InlineData("PUT", """{"enabled": null}""", "field 'enabled' must be true or false, not null")]
    [InlineData("PUT", """{"enabled": true, "limit": "lots"}""", "field 'limit' must be a whole number, not a string")]
    [InlineData("PATCH", """{"limit": [1]}""", "field 'limit' must be a whole number, not a list")]
    public Task A_value_of_the_wrong_type_is_a_400_naming_the_field(string method, string body, string reason) => KeepingEchoConfigAsync(async () =>
    {
        var before = await host.SendAsync(HttpMethod.Get, Echo);
        var (status, answer) = await host.CallAsync(new HttpMethod(method), Echo, body: body);
        Assert.Equal(400, status);
        Assert.Equal($"Invalid config for plugin Echo: {reason}.", answer!["message"]!.GetValue<string>());
        Assert.Equal(before!.ToJsonString(), (await host.SendAsync(HttpMethod.Get, Echo))!.ToJsonString());
    });

    [Fact]
    public Task A_body_over_the_limit_is_a_413_and_changes_nothing() => KeepingEchoConfigAsync(async () =>
    {
        var before = await host.SendAsync(HttpMethod.Get, Echo);
        // The abuse case of the issue: 200,000 keys, ~3 MB, above the default 1 MiB.
        var huge = new StringBuilder("{\"enabled\": true");
        for (var i = 0; i < 200_000; i++) huge.Append(",\"key").Append(i).Append("\": \"value\"");
        huge.Append('}');
        var body = Encoding.UTF8.GetBytes(huge.ToString());
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {host.Token}", ["Content-Type"] = "application/json" };
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // With a length above the limit the host refuses before reading the body.
        var sized = await OversizedRequest.SendAsync(host.Http.BaseAddress!, "PUT", Echo, headers, body, chunked: false, limit.Token);
        Assert.Equal(413, sized.Status);
        var answer = JsonNode.Parse(sized.Body)!;
        Assert.False(answer["success"]!.GetValue<bool>());
        Assert.Contains("this host accepts at most 1048576 (Host:Limits:MaxRequestBodyBytes)", answer["message"]!.GetValue<string>());

        // Without a length (chunked) the host stops reading at the limit: 413 as well.
        var chunked = await OversizedRequest.SendAsync(host.Http.BaseAddress!, "PUT", Echo, headers, body, chunked: true, limit.Token);
        Assert.Equal(413, chunked.Status);
        Assert.Contains("Host:Limits:MaxRequestBodyBytes", chunked.Body);

        Assert.Equal(before!.ToJsonString(), (await host.SendAsync(HttpMethod.Get, Echo))!.ToJsonString());
    });

    [Fact]
    public async Task Host_Limits_MaxRequestBodyBytes_sets_the_limit()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-limits").FullName;
        var app = HostApplication.Build(["--urls", "http://127.0.0.1:0", $"--Host:DataDir={root}", $"--Host:Feeds:0={root}",
            $"--Host:Admin:Password={Password}", "--Host:Limits:MaxRequestBodyBytes=64", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            using var small = await http.PostAsync("/api/v1/login/access-token",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = Password }));
            Assert.Equal(HttpStatusCode.OK, small.StatusCode);
            using var large = await http.PostAsync("/api/v1/login/access-token",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = new string('x', 100) }));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
            Assert.Contains("at most 64", await large.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}

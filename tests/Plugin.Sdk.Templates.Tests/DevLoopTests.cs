using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Plugin.Sdk.Templates.Tests;

/// <summary>
/// The author's inner loop (README "Dev mode"): a plugin from the template runs in `Plugin.Host dev &lt;project&gt;`;
/// edits of its source reach the running host without a restart, its saved config and data survive each swap, and a
/// broken edit is reported with file:line while the previous build keeps answering.
/// Run alone with: dotnet test tests/Plugin.Sdk.Templates.Tests --filter Category=DevLoop
/// </summary>
[Collection(TemplateCollection.Name)]
[Trait("Category", "DevLoop")]
public sealed class DevLoopTests(TemplateEnvironment env, ITestOutputHelper output)
{
    private const string Password = "dev-loop-password";
    private const string ApiKey = "dev-loop-api-token";
    // A first build restores and compiles from cold caches on a busy 2-core CI machine; later swaps are incremental.
    private static readonly TimeSpan FirstBuild = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan Swap = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Saved_edits_are_swapped_into_the_running_host_keeping_config_and_data_and_a_broken_edit_keeps_the_old_version()
    {
        var root = env.Folder("dev");
        env.New($"mpplugin -n HelloPlugin --sdk-feed \"{env.SdkFeed}\"", root).EnsureSuccess();
        var project = Path.Combine(root, "HelloPlugin");
        var source = Path.Combine(project, "HelloPlugin.cs");
        var feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;

        await using var host = await HostProcess.StartAsync(env.RepoRoot, Path.Combine(root, "data"), feed, Password, ApiKey, output,
            command: ["dev", project], environment: new Dictionary<string, string> { ["NUGET_PACKAGES"] = env.Shell.Environment["NUGET_PACKAGES"] });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(http));

        // The first build is installed by the dev loop itself.
        var clock = Stopwatch.StartNew();
        var first = await WaitForAsync(host, "the first dev build", FirstBuild, async () =>
            (await DevStatusAsync(http))["running_version"]?.GetValue<string>());
        output.WriteLine($"first build running after {clock.Elapsed.TotalSeconds:F1}s: {first}");
        var processId = (await DevStatusAsync(http))["process_id"]!.GetValue<int>();

        // A config value and some data of the plugin's own, to be found again after each swap.
        var saved = await ReadJson(await http.PutAsync("/api/v1/plugin/HelloPlugin", JsonContent.Create(new { enabled = true, greeting = "Hi" })));
        Assert.True(saved["success"]!.GetValue<bool>(), saved.ToJsonString());
        var message = await ReadJson(await http.PostAsync("/api/v1/message/", JsonContent.Create(new { text = "/helloplugin Bob" })));
        Assert.Contains("Hi, Bob!", message.ToJsonString());
        Assert.Equal(("Hi", 1), await StatusAsync(http));

        // Save an edit: the API answers the new code's value, from the same host process.
        Edit(source, "ApiResult.Ok(new StatusReply(Config.Greeting,", "ApiResult.Ok(new StatusReply(Config.Greeting + \" from v2\",");
        clock.Restart();
        await WaitForAsync(host, "the edit to answer", Swap, async () => (await StatusAsync(http)).Greeting == "Hi from v2" ? "" : null);
        output.WriteLine($"save -> new answer: {clock.Elapsed.TotalSeconds:F1}s");
        Assert.Equal(("Hi from v2", 1), await StatusAsync(http));
        Assert.Equal(processId, (await DevStatusAsync(http))["process_id"]!.GetValue<int>());
        Assert.Contains(" running: build ", host.Log);

        // A broken edit: the terminal shows the compiler's error at file:line, and the previous build keeps answering.
        Edit(source, "Config.Greeting + \" from v2\",", "Config.Greeting + \" from v3\" + undefinedName,");
        var line = File.ReadAllLines(source).ToList().FindIndex(l => l.Contains("undefinedName", StringComparison.Ordinal)) + 1;
        var failed = await WaitForAsync(host, "the broken build to be reported", Swap, async () =>
        {
            var last = (await DevStatusAsync(http))["last"];
            return last?["succeeded"]?.GetValue<bool>() == false ? last : null;
        });
        var diagnostic = $"HelloPlugin.cs:{line}:";
        Assert.Contains(failed["diagnostics"]!.AsArray(), d => d!.GetValue<string>().StartsWith(diagnostic, StringComparison.Ordinal)
            && d.GetValue<string>().Contains("error CS0103", StringComparison.Ordinal));
        Assert.Contains(diagnostic, host.Log);
        Assert.Contains("keeps running", host.Log);
        Assert.Equal(("Hi from v2", 1), await StatusAsync(http));

        // Fixed: the next save runs.
        Edit(source, " + undefinedName,", ",");
        await WaitForAsync(host, "the fixed edit to answer", Swap, async () => (await StatusAsync(http)).Greeting == "Hi from v3" ? "" : null);
        Assert.Equal(("Hi from v3", 1), await StatusAsync(http));
        Assert.Equal(processId, (await DevStatusAsync(http))["process_id"]!.GetValue<int>());
    }

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static async Task<string> LoginAsync(HttpClient http)
    {
        var login = await http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = Password }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await ReadJson(login))["access_token"]!.GetValue<string>();
    }

    private static async Task<JsonObject> DevStatusAsync(HttpClient http) => await ReadJson(await http.GetAsync("/api/v1/dev"));

    /// <summary>The plugin API's greeting and greeting count, or (null, -1) while it does not answer (e.g. mid-swap).</summary>
    private static async Task<(string? Greeting, int Greetings)> StatusAsync(HttpClient http)
    {
        var response = await http.GetAsync($"/api/v1/plugin/HelloPlugin/status?apikey={ApiKey}");
        if (response.StatusCode != HttpStatusCode.OK)
            return (null, -1);
        var data = (await ReadJson(response))["data"]!;
        return (data["greeting"]!.GetValue<string>(), data["greetings"]!.GetValue<int>());
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value; fails with the host's output when the host
    /// exits or <paramref name="limit"/> passes.</summary>
    private static async Task<T> WaitForAsync<T>(HostProcess host, string what, TimeSpan limit, Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (host.HasExited)
                throw new Xunit.Sdk.XunitException($"The host exited while waiting for {what}:\n{host.Log}");
            if (await probe() is { } value)
                return value;
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"Waited {limit} for {what}:\n{host.Log}");
    }

    private static async Task<JsonObject> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: not a JSON object: {text}");
        }
    }
}

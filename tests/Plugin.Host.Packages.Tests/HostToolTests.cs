using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Plugin.Host.Packages.Tests;

/// <summary>
/// The host as a user installs it: the .NET tool <c>Plugin.Host.Tool</c> that <c>./build.sh</c> packs into
/// <c>artifacts/packages</c>, installed with <c>dotnet tool install</c> into a temporary tool path (own NuGet folder and
/// configuration: nothing of the machine's is read or written) and started as <c>plugin-host</c> from an empty folder.
/// It must serve its own web UI, <c>/docs</c> and the settings of its own appsettings.json, and run the music engine (V8's
/// native library and the bundled npm libraries) — all from the tool's folder, not the repository or the working folder.
/// </summary>
public sealed partial class HostToolTests(ITestOutputHelper output) : IDisposable
{
    private const string PackageId = "Plugin.Host.Tool";
    private readonly string _root = Directory.CreateTempSubdirectory("plugin-host-tool-").FullName;

    [Fact]
    public async Task The_tool_installed_from_the_local_feed_serves_its_UI_docs_and_config_from_an_empty_folder()
    {
        var feed = Path.Combine(RepositoryRoot(), "artifacts", "packages");
        Assert.True(Directory.Exists(feed) && Directory.GetFiles(feed, PackageId + ".*.nupkg").Length > 0,
            $"no {PackageId} package in {feed}: run ./build.sh first (it packs the host tool there)");

        // A nuget.config with the feed as its only source: the install reads nothing else.
        var config = Path.Combine(_root, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
            """);
        var tools = Path.Combine(_root, "tools");
        var install = await RunAsync(_root, DotNetHost(), ["tool", "install", PackageId, "--tool-path", tools, "--configfile", config], TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);
        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "plugin-host.exe" : "plugin-host");
        Assert.True(File.Exists(command), "no plugin-host command in " + tools);

        // The tool's own appsettings.json (in the tool's store folder) sets the admin password: only that file says it.
        const string password = "from-the-tools-appsettings";
        var hostDll = Assert.Single(Directory.GetFiles(Path.Combine(tools, ".store"), "Plugin.Host.dll", SearchOption.AllDirectories));
        var settingsPath = Path.Combine(Path.GetDirectoryName(hostDll)!, "appsettings.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath))!.AsObject();
        settings["Host"]!["Admin"]!["Password"] = password;
        await File.WriteAllTextAsync(settingsPath, settings.ToJsonString());

        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var data = Path.Combine(_root, "data");
        await using var host = HostRun.Start(command, empty, ["--urls", "http://127.0.0.1:0", $"--Host:DataDir={data}"]);
        var url = await host.BannerUrl(TimeSpan.FromMinutes(2));
        output.WriteLine(host.Output);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

        // The web UI it carries (wwwroot beside the tool's files), with its script bundles.
        var index = await http.GetStringAsync("/");
        Assert.Contains("id=\"app\"", index, StringComparison.Ordinal);
        var script = ScriptSource().Match(index);
        Assert.True(script.Success, "the UI's index.html names no script:\n" + index);
        using (var bundle = await http.GetAsync(script.Groups[1].Value))
            Assert.Equal(200, (int)bundle.StatusCode);

        // API docs.
        using (var docs = await http.GetAsync("/docs"))
        {
            Assert.Equal(200, (int)docs.StatusCode);
            Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        }

        // Its appsettings.json's password logs in, and the OpenAPI document answers that login.
        using var login = await http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = password }));
        Assert.True(login.IsSuccessStatusCode, "the password of the tool's appsettings.json was refused:\n" + host.Output);
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using (var document = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json"))
        {
            document.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var answer = await http.SendAsync(document);
            Assert.Equal(200, (int)answer.StatusCode);
        }

        // The banner names the data folder, and the working folder stays empty.
        Assert.Contains(data, host.Output, StringComparison.Ordinal);
        Assert.Contains("password from Host:Admin:Password", host.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(empty));

        // The music engine in the tool: V8's native library and the bundled npm libraries (cheerio, crypto-js).
        var plugin = Path.Combine(_root, "music-plugin.js");
        await File.WriteAllTextAsync(plugin, """
            const cheerio = require("cheerio");
            const CryptoJS = require("crypto-js");
            module.exports = {
              platform: "ToolCheck", version: "1.0.0",
              async search(query) {
                const $ = cheerio.load("<ul><li>a</li><li>b</li></ul>");
                return { isEnd: true, data: [{ id: CryptoJS.MD5(query).toString(), title: $("li").length + " items", platform: "ToolCheck" }] };
              }
            };
            """);
        var music = await RunAsync(empty, command, ["music", "call", "--plugin", plugin, "--method", "search", "--args", "[\"q\",1,\"music\"]"], TimeSpan.FromMinutes(2));
        Assert.True(music.ExitCode == 0, "plugin-host music call failed:\n" + music.Output);
        Assert.Contains("\"title\": \"2 items\"", music.Output, StringComparison.Ordinal);
        Assert.Contains("7694f4a66316e53c8cdd9d9954bd611d", music.Output, StringComparison.Ordinal); // MD5("q")
    }

    [GeneratedRegex("<script[^>]+src=\"\\.?(/[^\"]+)\"")] // "./assets/index-*.js" or "/assets/..."
    private static partial Regex ScriptSource();

    private static string DotNetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>An environment without the machine's NuGet folder, dotnet home or content-root settings.</summary>
    private ProcessStartInfo StartInfo(string workingDirectory, string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(name);
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-packages");
        start.Environment["DOTNET_CLI_HOME"] = Path.Combine(_root, "home");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The tool's command is an app host: it finds the runtime of the dotnet running these tests.
        if (Path.IsPathRooted(DotNetHost()))
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DotNetHost());
        return start;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string fileName, IEnumerable<string> arguments, TimeSpan limit)
    {
        using var process = Process.Start(StartInfo(workingDirectory, fileName, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {limit.TotalSeconds:0} s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.Sdk.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Plugin.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The started host: its output, and the URL its start-up banner names.</summary>
    private sealed partial class HostRun : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private HostRun(Process process) => _process = process;

        public string Output => string.Join('\n', _lines);

        public static HostRun Start(string command, string workingDirectory, string[] arguments)
        {
            var start = new ProcessStartInfo(command, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var name in new[] { "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "ASPNETCORE_URLS" })
                start.Environment.Remove(name);
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet)
                start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet);
            var run = new HostRun(new Process { StartInfo = start });
            run._process.OutputDataReceived += (_, e) => run.Line(e.Data);
            run._process.ErrorDataReceived += (_, e) => run.Line(e.Data);
            run._process.Start();
            run._process.BeginOutputReadLine();
            run._process.BeginErrorReadLine();
            return run;
        }

        private void Line(string? line)
        {
            if (line is null) return;
            _lines.Enqueue(line);
            if (BannerLine().Match(line) is { Success: true } banner)
                _url.TrySetResult(banner.Groups[1].Value);
        }

        public async Task<string> BannerUrl(TimeSpan limit)
        {
            var first = await Task.WhenAny(_url.Task, _process.WaitForExitAsync(), Task.Delay(limit));
            Assert.True(first == _url.Task, "the tool's host did not print its start-up banner:\n" + Output);
            return await _url.Task;
        }

        [GeneratedRegex(@"^Plugin\.Host \S+ listening on (\S+)")]
        private static partial Regex BannerLine();

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}

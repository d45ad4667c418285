using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Runtime;
using Plugin.Sdk.Music;

namespace Plugin.Music.Cli;

/// <summary>
/// The <c>music</c> verb of the host's command line, for plugin authors:
/// <code>music call --plugin plugin.js --method search --args '["q",1,"music"]' --vars '{"token":"x"}'</code>
/// prints the function's result as JSON on standard output; the plugin's console output and all diagnostics go to
/// standard error, so the output can be piped to jq. <c>music info --plugin plugin.js</c> prints the properties.
/// </summary>
public static class MusicCommandLine
{
    public const int Ok = 0, PluginFailed = 1, Usage = 2, Unsupported = 3;

    private const string Help = """
        usage:
          music call --plugin <file.js> --method <function> [--args '<json array>'] [--vars '<json object>'] [--timeout <seconds>]
          music info --plugin <file.js>
        functions: search, getMediaSource, getMusicInfo, getLyric, getAlbumInfo, getMusicSheetInfo, getArtistWorks,
                   importMusicItem, importMusicSheet, getTopLists, getTopListDetail, getRecommendSheetTags, getRecommendSheetsByTag
        exit codes: 0 ok, 1 the plugin failed, 2 bad usage, 3 the plugin does not implement the function
        """;

    /// <summary>Runs the verb. <paramref name="args"/> may start with "music" (as the host passes them) or not.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var list = args.ToList();
        if (list.Count > 0 && list[0] == "music") list.RemoveAt(0);
        if (list.Count == 0 || list[0] is "-h" or "--help" or "help")
        {
            await stderr.WriteLineAsync(Help);
            return list.Count == 0 ? Usage : Ok;
        }
        var verb = list[0];
        if (verb is not ("call" or "info"))
            return await FailAsync(stderr, $"unknown music command '{verb}'.\n{Help}");

        var named = new Dictionary<string, string>();
        for (var i = 1; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
                return await FailAsync(stderr, $"expected --option value at '{list[i]}'.\n{Help}");
            named[list[i][2..]] = list[++i];
        }
        if (!named.TryGetValue("plugin", out var pluginPath))
            return await FailAsync(stderr, "--plugin <file.js> is required.");
        if (!File.Exists(pluginPath))
            return await FailAsync(stderr, $"plugin file '{pluginPath}' does not exist.");

        JsonArray arguments;
        Dictionary<string, string> variables;
        try
        {
            arguments = JsonNode.Parse(named.GetValueOrDefault("args", "[]")) as JsonArray
                ?? throw new JsonException("--args must be a JSON array of the function's arguments, e.g. '[\"q\",1,\"music\"]'");
            variables = ParseVariables(named.GetValueOrDefault("vars", "{}"));
        }
        catch (JsonException e)
        {
            return await FailAsync(stderr, $"invalid JSON: {e.Message}");
        }
        var options = new MusicSourceOptions();
        if (named.TryGetValue("timeout", out var t))
        {
            if (!double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                return await FailAsync(stderr, $"--timeout expects seconds, got '{t}'.");
            options.CallTimeout = TimeSpan.FromSeconds(seconds);
        }

        using var http = CreateHttpClient();
        void Console(string level, string text) => stderr.WriteLine($"[console.{level}] {text}");
        JsMusicSource source;
        try
        {
            source = await JsMusicSource.LoadAsync(await File.ReadAllTextAsync(pluginPath), Path.GetFileName(pluginPath), options, http,
                NullLogger.Instance, variables, Console);
        }
        catch (MusicPluginLoadException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return PluginFailed;
        }
        using (source)
        {
            if (verb == "info")
            {
                var info = JsonSerializer.SerializeToNode(source.Manifest, MusicJson.Options)!.AsObject();
                info["functions"] = new JsonArray(source.Functions.Select(f => (JsonNode)f).ToArray());
                info["sha256"] = source.Sha256;
                await stdout.WriteLineAsync(info.ToJsonString(MusicJson.Indented));
                return Ok;
            }
            if (!named.TryGetValue("method", out var method))
                return await FailAsync(stderr, "--method <function> is required for 'music call'.");
            if (!MusicFunctions.All.Contains(method))
                return await FailAsync(stderr, $"'{method}' is not a function of the MusicFree protocol.\n{Help}");
            try
            {
                var result = await source.InvokeAsync(method, arguments, variables, CancellationToken.None);
                await stdout.WriteLineAsync(result is null ? "null" : result.ToJsonString(MusicJson.Indented));
                return Ok;
            }
            catch (MusicFunctionNotSupportedException)
            {
                await stderr.WriteLineAsync($"unsupported: plugin '{source.Manifest.Platform}' does not implement {method}.");
                return Unsupported;
            }
            catch (MusicPluginException e)
            {
                await stderr.WriteLineAsync("error: " + e.Message);
                if (e.PluginStack is { } stack) await stderr.WriteLineAsync(stack);
                return PluginFailed;
            }
        }
    }

    /// <summary>The HttpClient plugins get when no host is around: decompression on, redirects followed like axios.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 21,
        UseCookies = false,
    });

    internal static Dictionary<string, string> ParseVariables(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("--vars must be a JSON object such as '{\"token\":\"x\"}'");
        return node.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? "");
    }

    private static async Task<int> FailAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync("error: " + message);
        return Usage;
    }
}

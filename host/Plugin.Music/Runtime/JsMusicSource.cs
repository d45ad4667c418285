using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Microsoft.Extensions.Logging;
using Plugin.Sdk.Music;

namespace Plugin.Music.Runtime;

/// <summary>
/// A MusicFree JavaScript plugin running on its own Jint engine: a sandbox with only the prelude's globals
/// (require of the offered npm packages, console, timers, env), no CLR access and no file system. Calls are
/// serialised per plugin (one engine is single-threaded); different plugins run in parallel.
/// </summary>
public sealed class JsMusicSource : IMusicSourceRuntime
{
    private readonly string _code;
    private readonly string _sourceName;
    private readonly MusicSourceOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private Engine? _engine;
    private JsValue _exports = JsValue.Undefined;
    private Function? _invoker;
    // State of the call in progress; the gate guarantees there is at most one.
    private IReadOnlyDictionary<string, string> _currentVariables;
    private CancellationToken _currentToken;

    private JsMusicSource(string code, string sourceName, MusicSourceOptions options, HttpClient http, ILogger logger,
        IReadOnlyDictionary<string, string> variables)
    {
        _code = code;
        _sourceName = sourceName;
        _options = options;
        _http = http;
        _logger = logger;
        _currentVariables = variables;
        Sha256 = ComputeSha256(code);
    }

    public MusicSourceManifest Manifest { get; private set; } = new();

    public MusicSourceKind Kind => MusicSourceKind.JavaScript;

    public IReadOnlyList<string> Functions { get; private set; } = [];

    /// <summary>SHA-256 of the code (hex, lower case): identical code is never installed twice.</summary>
    public string Sha256 { get; }

    /// <summary>Receives console output of the plugin (level, text) in addition to the logger; the CLI uses it.</summary>
    public Action<string, string>? ConsoleSink { get; set; }

    public static string ComputeSha256(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    /// <summary>
    /// Evaluates the plugin (its top-level code runs, with <paramref name="variables"/> visible to env) and reads its
    /// properties. Throws <see cref="MusicPluginLoadException"/> naming <paramref name="sourceName"/> on any failure.
    /// </summary>
    public static async Task<JsMusicSource> LoadAsync(string code, string sourceName, MusicSourceOptions options, HttpClient http,
        ILogger logger, IReadOnlyDictionary<string, string>? variables = null, Action<string, string>? consoleSink = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var source = new JsMusicSource(code, sourceName, options, http, logger, variables ?? new Dictionary<string, string>())
        {
            ConsoleSink = consoleSink,
        };
        await source._gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await source.StartEngineAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            source._gate.Release();
        }
        return source;
    }

    private async Task StartEngineAsync(CancellationToken cancellationToken)
    {
        var deadline = new OperationDeadlineConstraint();
        var newEngine = new Engine(o =>
        {
            o.LimitRecursion(_options.RecursionLimit);
            o.LimitMemory(_options.MemoryLimitBytes);
            o.Constraint(deadline);
            o.ExperimentalFeatures = ExperimentalFeature.TaskInterop;
            // Plugins are CommonJS files written for a JS runtime: sloppy mode unless they opt in.
            o.Strict = false;
        });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.LoadTimeout);
        _currentToken = cts.Token;
        deadline.Begin(_options.LoadTimeout, cts.Token);
        try
        {
            var require = CreateSandbox(newEngine);
            var factory = (Function)newEngine.Evaluate(JsLibraries.PreparePlugin(Sha256, _code, _sourceName));
            var module = new JsObject(newEngine);
            var moduleExports = new JsObject(newEngine);
            module.Set("exports", moduleExports);
            factory.Call(moduleExports, [module, moduleExports, require]);
            var result = module.Get("exports");
            // Plugins compiled from TypeScript/ESM may export { default: plugin }, which the app unwraps too.
            if (result is ObjectInstance o && o.Get("default") is ObjectInstance d && !d.Get("platform").IsUndefined() && o.Get("platform").IsUndefined())
                result = d;
            // A top-level promise (module.exports = (async () => ({...}))()) is settled before use.
            result = await result.UnwrapIfPromiseAsync(cts.Token).ConfigureAwait(false);
            if (result is not ObjectInstance)
                throw new MusicPluginLoadException(_sourceName, "module.exports is not an object; a MusicFree plugin exports { platform, search, ... }.");

            var describe = (Function)newEngine.Evaluate(Describer);
            var description = JsonNode.Parse(describe.Call(JsValue.Undefined, [result]).AsString())!.AsObject();
            Manifest = ReadManifest(description["props"]!.AsObject(), _sourceName);
            Functions = description["functions"]!.AsArray().Select(n => n!.GetValue<string>())
                .Where(f => MusicFunctions.All.Contains(f)).ToArray();
            _invoker = (Function)((Function)newEngine.Evaluate(Invoker)).Call(JsValue.Undefined, [result]);
            _exports = result;
            _engine?.Dispose();
            _engine = newEngine;
        }
        catch (MusicPluginLoadException)
        {
            newEngine.Dispose();
            throw;
        }
        catch (Exception e)
        {
            newEngine.Dispose();
            throw new MusicPluginLoadException(_sourceName, Describe(e, cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested, _options.LoadTimeout), e);
        }
        finally
        {
            deadline.End();
        }
    }

    private static readonly Prepared<Acornima.Ast.Script> Describer = Engine.PrepareScript("""
        (function (e) {
          const props = {}, functions = [];
          for (const k in e) {
            const v = e[k];
            if (typeof v === "function") functions.push(k); else props[k] = v;
          }
          return JSON.stringify({ props, functions });
        })
        """, "describe.js");

    // Arguments and results cross the boundary as JSON text, through the engine's own JSON, so a result is
    // exactly what JSON.stringify gives under Node (undefined properties vanish, toJSON is honoured, ...).
    private static readonly Prepared<Acornima.Ast.Script> Invoker = Engine.PrepareScript("""
        (function (plugin) {
          return async function (name, argsJson) {
            const result = await plugin[name].apply(plugin, JSON.parse(argsJson));
            return result === undefined ? null : JSON.stringify(result);
          };
        })
        """, "invoke.js");

    private JsValue CreateSandbox(Engine target)
    {
        var prelude = (Function)target.Evaluate(JsLibraries.Prelude);
        // Only the libraries the code names are instantiated up front (cheerio alone is half a megabyte of script);
        // a require() with a computed name loads its library on demand through loadLibrary.
        var factories = new JsObject(target);
        foreach (var name in JsLibraries.Names)
            if (_code.Contains('"' + name + '"') || _code.Contains('\'' + name + '\'') || _code.Contains('"' + name + '/') || _code.Contains('\'' + name + '/'))
                factories.Set(name, target.Evaluate(JsLibraries.Library(name)));
        var envInfo = new JsObject(target);
        envInfo.Set("appVersion", _options.AppVersion);
        envInfo.Set("os", _options.Os);
        envInfo.Set("lang", _options.Lang);
        return prelude.Call(JsValue.Undefined,
        [
            JsValue.FromObject(target, new Func<string, Task<string>>(HttpAsync)),
            JsValue.FromObject(target, new Action<string, string>(Log)),
            JsValue.FromObject(target, new Func<int, Task>(ms => Task.Delay(ms, _currentToken))),
            factories,
            JsValue.FromObject(target, new Func<string, JsValue>(name => target.Evaluate(JsLibraries.Library(name)))),
            JsValue.FromObject(target, new Func<string>(() => JsonSerializer.Serialize(_currentVariables))),
            envInfo,
        ]);
    }

    public async Task<JsonNode?> InvokeAsync(string function, JsonArray arguments, IReadOnlyDictionary<string, string> userVariables,
        CancellationToken cancellationToken)
    {
        if (!Functions.Contains(function))
            throw new MusicFunctionNotSupportedException(function);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // An engine abandoned after a limit was hit may hold half-run continuations: start a fresh one.
            if (_engine is null) await StartEngineAsync(cancellationToken).ConfigureAwait(false);
            _currentVariables = userVariables;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(_options.CallTimeout);
            _currentToken = cts.Token;
            var deadline = _engine!.Constraints.Find<OperationDeadlineConstraint>();
            deadline?.Begin(_options.CallTimeout, cts.Token);
            try
            {
                var promise = _invoker!.Call(JsValue.Undefined, [function, arguments.ToJsonString()]);
                var value = await promise.UnwrapIfPromiseAsync(cts.Token).ConfigureAwait(false);
                return value.IsNull() || value.IsUndefined() ? null : JsonNode.Parse(value.AsString());
            }
            catch (Exception e) when (e is not MusicPluginException)
            {
                var timedOut = cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
                if (timedOut || IsLimit(e))
                {
                    _engine?.Dispose();
                    _engine = null;
                    throw new MusicPluginLimitException(Manifest.Platform, function, Describe(e, timedOut, _options.CallTimeout), e,
                        timedOut: timedOut || e is TimeoutException or OperationCanceledException);
                }
                var (message, stack) = Explain(e);
                throw new MusicPluginException(Manifest.Platform, function, message, stack, e);
            }
            finally
            {
                deadline?.End();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool IsLimit(Exception e) =>
        e is MemoryLimitExceededException or RecursionDepthOverflowException or StatementsCountOverflowException
            or TimeoutException or OperationCanceledException;

    private static string Describe(Exception e, bool timedOut, TimeSpan budget)
    {
        if (timedOut || e is TimeoutException or OperationCanceledException)
            return $"time limit of {budget.TotalSeconds:0.#} s exceeded";
        return e switch
        {
            MemoryLimitExceededException => "memory limit exceeded: " + e.Message,
            RecursionDepthOverflowException => "recursion limit exceeded: " + e.Message,
            _ => Explain(e).Message,
        };
    }

    /// <summary>The plugin's own error text: an Error's message (with an axios response status when there is one).</summary>
    private static (string Message, string? Stack) Explain(Exception e)
    {
        JsValue? error = e switch
        {
            PromiseRejectedException rejected => rejected.RejectedValue,
            JavaScriptException js => js.Error,
            _ => null,
        };
        if (error is ObjectInstance o)
        {
            var message = o.Get("message");
            var text = message.IsString() ? message.AsString() : error.ToString();
            if (o.Get("response") is ObjectInstance response && response.Get("status").IsNumber())
                text += $" (HTTP {response.Get("status").AsNumber()})";
            var stack = o.Get("stack");
            return (text, stack.IsString() ? stack.AsString() : (e as JavaScriptException)?.JavaScriptStackTrace);
        }
        if (error is not null) return ("rejected with " + error, null);
        return (e is JavaScriptException jse ? jse.Message : e.GetType().Name + ": " + e.Message, (e as JavaScriptException)?.JavaScriptStackTrace);
    }

    private void Log(string level, string text)
    {
        ConsoleSink?.Invoke(level, text);
        var logLevel = level switch { "error" => LogLevel.Error, "warn" => LogLevel.Warning, "debug" or "trace" => LogLevel.Debug, _ => LogLevel.Information };
        _logger.Log(logLevel, "[music:{Platform}] {Text}", Manifest.Platform is { Length: > 0 } p ? p : _sourceName, text);
    }

    /// <summary>axios' transport: one request through the host's HttpClient, answered as JSON for the prelude.</summary>
    private async Task<string> HttpAsync(string requestJson)
    {
        var request = JsonNode.Parse(requestJson)!.AsObject();
        var url = request["url"]?.GetValue<string>() ?? "";
        var timeoutMs = request["timeout"]?.GetValue<double>() ?? 0;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return Error($"Invalid URL '{url}': plugins may request only absolute http(s) URLs", "ERR_INVALID_URL");

        using var message = new HttpRequestMessage(new HttpMethod(request["method"]?.GetValue<string>() ?? "GET"), uri);
        HttpContent? content = null;
        if (request["bodyBytes"] is JsonArray bytes)
            content = new ByteArrayContent(bytes.Select(b => (byte)b!.GetValue<double>()).ToArray());
        else if (request["body"]?.GetValue<string>() is { } body)
            content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (request["headers"] is JsonObject headers)
            foreach (var (name, value) in headers)
            {
                var text = value is JsonValue v ? v.ToString() : value?.ToJsonString() ?? "";
                if (name.StartsWith("content-", StringComparison.OrdinalIgnoreCase))
                {
                    content ??= new ByteArrayContent([]);
                    content.Headers.Remove(name);
                    content.Headers.TryAddWithoutValidation(name, text);
                }
                else message.Headers.TryAddWithoutValidation(name, text);
            }
        message.Content = content;

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_currentToken);
        if (timeoutMs > 0) cts.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            var limit = request["maxContentLength"]?.GetValue<double>() is > 0 and var max ? (long)max : _options.MaxResponseBytes;
            var data = await BoundedDownload.ReadAsync(response.Content, Math.Min(limit, _options.MaxResponseBytes), cts.Token).ConfigureAwait(false);
            if (data is null) return Error($"maxContentLength size of {limit} exceeded", "ERR_BAD_RESPONSE");

            var result = new JsonObject
            {
                ["status"] = (int)response.StatusCode,
                ["statusText"] = response.ReasonPhrase ?? "",
                ["url"] = response.RequestMessage?.RequestUri?.ToString() ?? url,
                ["headers"] = ResponseHeaders(response),
            };
            if (request["binary"]?.GetValue<bool>() == true)
                result["bodyBytes"] = new JsonArray(data.Select(b => (JsonNode)b).ToArray());
            else
            {
                // axios under Node decodes every body as UTF-8 whatever the charset, and strips a BOM.
                var text = Encoding.UTF8.GetString(data);
                result["body"] = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
            }
            return result.ToJsonString();
        }
        catch (OperationCanceledException) when (!_currentToken.IsCancellationRequested)
        {
            return Error($"timeout of {timeoutMs}ms exceeded", "ECONNABORTED");
        }
        catch (HttpRequestException e)
        {
            var code = e.HttpRequestError == HttpRequestError.ConnectionError ? "ECONNREFUSED" : "ERR_NETWORK";
            return Error(e.Message, code);
        }

        static string Error(string text, string code) =>
            new JsonObject { ["error"] = new JsonObject { ["message"] = text, ["code"] = code } }.ToJsonString();
    }

    private static JsonObject ResponseHeaders(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var key = name.ToLowerInvariant();
            // Node keeps set-cookie as an array and joins other repeated headers with ", ".
            headers[key] = key == "set-cookie"
                ? new JsonArray(values.Select(v => (JsonNode)v).ToArray())
                : string.Join(", ", values);
        }
        return headers;
    }

    /// <summary>Reads the plugin properties with the seed's defaults; a missing platform is a load error.</summary>
    internal static MusicSourceManifest ReadManifest(JsonObject props, string sourceName)
    {
        MusicSourceManifest manifest;
        try
        {
            manifest = props.Deserialize<MusicSourceManifest>(LenientManifestOptions) ?? new MusicSourceManifest();
        }
        catch (JsonException e)
        {
            throw new MusicPluginLoadException(sourceName, $"invalid plugin property at {e.Path}: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(manifest.Platform))
            throw new MusicPluginLoadException(sourceName, "module.exports.platform is missing: every MusicFree plugin names its platform.");
        if (manifest.Platform == "本地")
            throw new MusicPluginLoadException(sourceName, "platform \"本地\" is reserved (the seed: such a plugin does not work).");
        if (string.IsNullOrWhiteSpace(manifest.Version)) manifest.Version = "0.0.0";
        if (manifest.PrimaryKey is not { Count: > 0 }) manifest.PrimaryKey = ["id"];
        return manifest;
    }

    private static readonly JsonSerializerOptions LenientManifestOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
        Converters = { new LenientCacheControlConverter() },
    };

    /// <summary>An unknown cacheControl falls back to the seed's default (no-cache) instead of refusing the plugin.</summary>
    private sealed class LenientCacheControlConverter : System.Text.Json.Serialization.JsonConverter<CacheControl>
    {
        public override CacheControl Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions o)
        {
            MusicNames.TryParseCacheControl(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var value);
            return value;
        }

        public override void Write(Utf8JsonWriter writer, CacheControl value, JsonSerializerOptions o) => writer.WriteStringValue(value.ToWire());
    }

    public void Dispose()
    {
        _engine?.Dispose();
        _engine = null;
    }
}

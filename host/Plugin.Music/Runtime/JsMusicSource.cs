using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ClearScript;
using Microsoft.ClearScript.JavaScript;
using Microsoft.ClearScript.V8;
using Microsoft.Extensions.Logging;
using Plugin.Sdk.Music;

namespace Plugin.Music.Runtime;

/// <summary>
/// A MusicFree JavaScript plugin running on its own V8 engine (ClearScript; one V8 isolate per plugin): a sandbox with
/// only the prelude's globals (require of the offered npm packages, console, timers, env, the Node-like globals), no
/// CLR types (nothing of .NET is exposed but the bridge object the prelude keeps in a closure) and no file system.
/// Limits: a call's wall-clock budget (the engine is interrupted), the isolate's heap and stack. Calls are serialised
/// per plugin; different plugins run in parallel.
/// </summary>
public sealed class JsMusicSource : IMusicSourceRuntime
{
    private readonly string _code;
    private readonly string _sourceName;
    private readonly MusicSourceOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private V8ScriptEngine? _engine;
    private ScriptObject? _invoker;
    // State of the call in progress; the gate guarantees there is at most one.
    private IReadOnlyDictionary<string, string> _currentVariables;
    private CancellationToken _currentToken;
    private int _callId;
    private TaskCompletionSource<(bool Ok, string? Text)>? _pending;

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

    /// <summary>The engine behind JavaScript plugins, for reports (the benchmark).</summary>
    internal static string EngineDescription => "V8 through ClearScript " + typeof(V8ScriptEngine).Assembly.GetName().Version;

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

    private V8ScriptEngine CreateEngine()
    {
        var limit = Math.Max(_options.MemoryLimitBytes, 16L * 1024 * 1024);
        // V8 ends the process when an isolate exceeds its hard constraints, so the hard limit is set well above the
        // monitored soft one (MaxRuntimeHeapSize), which ends the script instead, and may grow on demand.
        var constraints = new V8RuntimeConstraints
        {
            MaxOldSpaceSize = (int)Math.Min(int.MaxValue, limit * 2 / (1024 * 1024)),
            HeapExpansionMultiplier = 2,
        };
        var engine = new V8ScriptEngine(constraints,
            V8ScriptEngineFlags.EnableTaskPromiseConversion | V8ScriptEngineFlags.HideHostExceptions)
        {
            MaxRuntimeHeapSize = (UIntPtr)(ulong)limit,
            RuntimeHeapSizeSampleInterval = TimeSpan.FromMilliseconds(20),
            // RecursionLimit counted frames in the previous engine; V8 limits the stack in bytes (a frame is well under 2 KiB).
            MaxRuntimeStackUsage = (UIntPtr)(ulong)Math.Max(256 * 1024, _options.RecursionLimit * 2048L),
            AllowReflection = false,
            DisableExtensionMethods = true,
            EnableAutoHostVariables = false,
            // The bridge's members (one signature each, called only by the prelude) are bound by reflection, not by the
            // C# runtime binder: the same methods, without building the binder and its expression trees in each fresh
            // process (~100 methods JIT-compiled on a plugin's first load).
            DisableDynamicBinding = true,
        };
        return engine;
    }

    private async Task StartEngineAsync(CancellationToken cancellationToken)
    {
        var newEngine = CreateEngine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.LoadTimeout);
        _currentToken = cts.Token;
        var completion = Expect(0);
        using var interrupt = cts.Token.Register(newEngine.Interrupt);
        try
        {
            var bridge = new Bridge(this, newEngine);
            // The prelude's env (JSON.parse on its side); three strings, no serializer contract needed.
            var envInfo = new JsonObject { ["appVersion"] = _options.AppVersion, ["os"] = _options.Os, ["lang"] = _options.Lang }.ToJsonString();
            var require = ((ScriptObject)newEngine.Evaluate(new DocumentInfo("bridge.js"), BridgeScript))
                .InvokeAsFunction(JsLibraries.Prelude(newEngine, _options.ScriptCacheDirectory), bridge, envInfo);
            var factory = JsLibraries.Plugin(newEngine, Sha256, _code, _sourceName, _options.ScriptCacheDirectory);
            var invoker = (ScriptObject)((ScriptObject)newEngine.Evaluate(new DocumentInfo("start.js"), StartScript))
                .InvokeAsFunction(factory, require, bridge);
            var (ok, text) = await completion.WaitAsync(cts.Token).ConfigureAwait(false);
            var description = JsonNode.Parse(text!)!.AsObject();
            if (!ok)
                throw new MusicPluginLoadException(_sourceName, description["notObject"] is not null
                    ? "module.exports is not an object; a MusicFree plugin exports { platform, search, ... }."
                    : description["message"]!.GetValue<string>());
            Manifest = ReadManifest(description["props"]!.AsObject(), _sourceName);
            Functions = description["functions"]!.AsArray().Select(n => n!.GetValue<string>())
                .Where(f => MusicFunctions.All.Contains(f)).ToArray();
            _invoker = invoker;
            _engine?.Dispose();
            _engine = newEngine;
            JsLibraries.MakeCodeCaches(newEngine);
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
    }

    private Task<(bool Ok, string? Text)> Expect(int id)
    {
        _callId = id;
        var pending = new TaskCompletionSource<(bool, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending = pending;
        return pending.Task;
    }

    private void Complete(int id, bool ok, string? text)
    {
        // A late answer of a call that was given up (time limit, cancellation) is dropped.
        if (id == _callId) _pending?.TrySetResult((ok, text));
    }

    // The prelude's bridge: plain JS functions over the host object, so the sandbox receives functions, not .NET objects.
    private const string BridgeScript = """
        (function (prelude, host, envJson) {
          return prelude(
            (json) => host.http(json),
            (level, text) => host.log(level, text),
            (ms) => host.delay(ms),
            {},
            (name) => host.library(name),
            () => host.variables(),
            JSON.parse(envJson));
        })
        """;

    // Runs the plugin's module code, then reports its properties and function names (or the error) through
    // host.complete(0, ...), and returns the invoker. Arguments and results cross the boundary as JSON text through the
    // engine's own JSON, so a result is exactly what JSON.stringify gives under Node. Errors are explained here, in JS:
    // the message (with an axios response status), the stack, and whether V8's stack limit was hit.
    private const string StartScript = """
        (function (factory, require, host) {
          "use strict";
          const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");
          const explain = (e) => {
            if (!isObject(e)) return JSON.stringify({ message: "rejected with " + String(e) });
            let message = typeof e.message === "string" ? e.message : String(e);
            if (isObject(e.response) && typeof e.response.status === "number") message += " (HTTP " + e.response.status + ")";
            const recursion = e instanceof RangeError && e.message === "Maximum call stack size exceeded";
            return JSON.stringify({ message, stack: typeof e.stack === "string" ? e.stack : null, recursion });
          };
          let plugin;
          const settle = (value) => {
            try {
              if (!isObject(value)) { host.complete(0, false, JSON.stringify({ notObject: true })); return; }
              const props = {}, functions = [];
              for (const k in value) {
                const v = value[k];
                if (typeof v === "function") functions.push(k); else props[k] = v;
              }
              const description = JSON.stringify({ props, functions });
              plugin = value;
              host.complete(0, true, description);
            } catch (e) { host.complete(0, false, explain(e)); }
          };
          try {
            const module = { exports: {} };
            factory.call(module.exports, module, module.exports, require);
            let result = module.exports;
            // Plugins compiled from TypeScript/ESM may export { default: plugin }, which the app unwraps too.
            if (isObject(result) && isObject(result.default) && result.default.platform !== undefined && result.platform === undefined) result = result.default;
            // A top-level promise (module.exports = (async () => ({...}))()) is settled before use.
            if (result instanceof Promise) result.then(settle, (e) => host.complete(0, false, explain(e)));
            else settle(result);
          } catch (e) { host.complete(0, false, explain(e)); }
          return function (id, name, argsJson) {
            (async () => {
              const result = await plugin[name].apply(plugin, JSON.parse(argsJson));
              return result === undefined ? null : JSON.stringify(result);
            })().then((text) => host.complete(id, true, text === undefined ? null : text), (e) => host.complete(id, false, explain(e)));
          };
        })
        """;

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
            var engine = _engine!;
            _currentVariables = userVariables;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(_options.CallTimeout);
            _currentToken = cts.Token;
            var completion = Expect(_callId + 1);
            using var interrupt = cts.Token.Register(engine.Interrupt);
            try
            {
                _invoker!.InvokeAsFunction(_callId, function, arguments.ToJsonString());
                var (ok, text) = await completion.WaitAsync(cts.Token).ConfigureAwait(false);
                if (ok)
                {
                    // Scripts first required during this call (a library, a global's package) get their code caches now.
                    JsLibraries.MakeCodeCaches(engine);
                    return text is null ? null : JsonNode.Parse(text);
                }
                var error = JsonNode.Parse(text!)!.AsObject();
                var message = error["message"]!.GetValue<string>();
                if (error["recursion"]?.GetValue<bool>() == true)
                    throw new MusicPluginLimitException(Manifest.Platform, function, "recursion limit exceeded: " + message, null, timedOut: false);
                throw new MusicPluginException(Manifest.Platform, function, message, error["stack"]?.GetValue<string>(), null);
            }
            catch (Exception e) when (e is not MusicPluginException)
            {
                var timedOut = cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                // A heap limit hit in a continuation (after an await) ends that script where no caller sees it; the
                // call then runs out of time. The isolate says why: it refuses any script after a heap violation.
                if (timedOut && HitMemoryLimit(engine) is { } memory)
                {
                    timedOut = false;
                    e = memory;
                }
                // Timed out, given up by the caller, out of memory, or ended some other way: continuations of this call
                // may still be queued, so the engine is not used again (the next call starts a fresh one).
                _engine = null;
                _invoker = null;
                engine.Dispose();
                if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
                if (timedOut || IsLimit(e))
                    throw new MusicPluginLimitException(Manifest.Platform, function, Describe(e, timedOut, _options.CallTimeout), e,
                        timedOut: timedOut || e is TimeoutException or OperationCanceledException or ScriptInterruptedException);
                throw new MusicPluginException(Manifest.Platform, function, Describe(e, false, _options.CallTimeout), null, e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ScriptEngineException? HitMemoryLimit(V8ScriptEngine engine)
    {
        try
        {
            engine.Execute("0");
            return null;
        }
        catch (ScriptEngineException e) when (e.IsFatal)
        {
            return e;
        }
        catch (ScriptEngineException)
        {
            return null;
        }
    }

    private static bool IsLimit(Exception e) =>
        e is TimeoutException or OperationCanceledException or ScriptInterruptedException or ScriptEngineException { IsFatal: true };

    private static string Describe(Exception e, bool timedOut, TimeSpan budget)
    {
        if (timedOut || e is TimeoutException or OperationCanceledException or ScriptInterruptedException)
            return $"time limit of {budget.TotalSeconds:0.#} s exceeded";
        return e switch
        {
            ScriptEngineException { IsFatal: true } => "memory limit exceeded: " + e.Message,
            _ => e.Message,
        };
    }

    /// <summary>
    /// What the sandbox can reach of the host: only these members (no default access, so no GetType, ToString, ...),
    /// and only through the prelude's closure.
    /// </summary>
    [NoDefaultScriptAccess]
    public sealed class Bridge
    {
        private readonly JsMusicSource _source;
        private readonly V8ScriptEngine _engine;

        internal Bridge(JsMusicSource source, V8ScriptEngine engine)
        {
            _source = source;
            _engine = engine;
        }

        [ScriptMember("http")]
        public Task<string> Http(string requestJson) => _source.HttpAsync(requestJson);

        [ScriptMember("log")]
        public void Log(string level, string text) => _source.Log(level, text);

        [ScriptMember("delay")]
        public Task Delay(double ms) => Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, int.MaxValue)), _source._currentToken);

        [ScriptMember("variables")]
        public string Variables() => JsonSerializer.Serialize(_source._currentVariables, MusicEngineJson.Default.IReadOnlyDictionaryStringString);

        [ScriptMember("library")]
        public object Library(string name) => JsLibraries.Library(_engine, name, _source._options.ScriptCacheDirectory);

        [ScriptMember("complete")]
        public void Complete(int id, bool ok, object? text) => _source.Complete(id, ok, text as string);
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
            manifest = PlainManifestReader.TryRead(props) ?? props.Deserialize(MusicEngineJson.Default.MusicSourceManifest) ?? new MusicSourceManifest();
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

    public void Dispose()
    {
        _engine?.Dispose();
        _engine = null;
        _invoker = null;
    }
}

using System.Collections.Concurrent;
using Microsoft.ClearScript;
using Microsoft.ClearScript.V8;

namespace Plugin.Music.Runtime;

/// <summary>
/// The embedded scripts: the sandbox prelude and the npm bundles (js/dist, built from package-lock.json). Each is read
/// once per process and compiled per plugin engine (every engine gets its own instances: plugins stay isolated); V8's
/// code cache, made by the first engine that runs a script (after the run, so it holds the functions the run compiled),
/// lets the others skip parsing and compiling them again.
/// </summary>
internal static class JsLibraries
{
    /// <summary>What plugins may <c>require</c> (the libraries MusicFree offers).</summary>
    public static readonly IReadOnlyList<string> Names = ["axios", "cheerio", "crypto-js", "dayjs", "qs", "he", "big-integer", "webdav"];

    /// <summary>The packages behind the prelude's globals (Buffer, atob/btoa, URL/URLSearchParams, TextEncoder/TextDecoder):
    /// not require()-able, instantiated in an engine on the first use of their global.</summary>
    public static readonly IReadOnlyList<string> GlobalNames = ["buffer", "base-64", "url", "text-encoding-utf-8"];

    private static readonly Lazy<CachedScript> prelude = new(() => new CachedScript("sandbox.js", Read("Plugin.Music.Prelude.sandbox.js")));
    private static readonly Dictionary<string, Lazy<CachedScript>> libraries =
        Names.Concat(GlobalNames).ToDictionary(n => n, n => new Lazy<CachedScript>(() =>
            // A CommonJS bundle refers to the free variables module/exports; the wrapper supplies them per engine.
            new CachedScript(n + ".js", "(function (module, exports) {" + Read($"Plugin.Music.Lib.{n}.js") + "\n})")));

    /// <summary>Evaluates the prelude in <paramref name="engine"/>: the function that builds the sandbox (sandbox.js).</summary>
    public static object Prelude(V8ScriptEngine engine, string? cacheDir) => prelude.Value.Evaluate(engine, cacheDir);

    /// <summary>Evaluates a library's wrapper in <paramref name="engine"/>: <c>function (module, exports)</c>.</summary>
    public static object Library(V8ScriptEngine engine, string name, string? cacheDir) =>
        libraries.TryGetValue(name, out var library) ? library.Value.Evaluate(engine, cacheDir) : throw new ArgumentException("not an offered library: " + name, nameof(name));

    /// <summary>
    /// Start-up warm-up: takes the code caches already in <paramref name="cacheDir"/> into memory (null: nothing to read).
    /// Nothing is compiled here: a cache made by compiling alone would hold only each script's top level (V8 compiles
    /// functions lazily, on their first call), so caches are made by the first engine that runs a script, after the run
    /// (<see cref="MakeCodeCaches"/>). A file V8 refuses later (another V8 build) is replaced the same way.
    /// </summary>
    public static void Warm(string? cacheDir)
    {
        foreach (var script in libraries.Values.Select(l => l.Value).Prepend(prelude.Value)) script.Preload(cacheDir);
    }

    /// <summary>
    /// Makes the code caches of the scripts <paramref name="engine"/> compiled without one, now that they ran (the plugin
    /// loaded, or a call answered): V8 then serialises every function the run compiled, not only the top level, so the
    /// next engine — in this process or, through the cache directory, the next one — deserialises them instead of
    /// parsing and compiling each again on its first call. Does nothing when there is nothing to make.
    /// </summary>
    public static void MakeCodeCaches(V8ScriptEngine engine)
    {
        if (!pending.TryGetValue(engine, out var list)) return;
        PendingCache[] items;
        lock (list)
        {
            if (list.Count == 0) return;
            items = [.. list];
            list.Clear();
        }
        foreach (var item in items) item.Script.MakeAfterRun(engine, item.Document, item.Directory, item.Replace);
    }

    /// <summary>Scripts each engine compiled without a code cache, whose caches are to be made after they ran.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<V8ScriptEngine, List<PendingCache>> pending = new();

    private sealed record PendingCache(CachedScript Script, DocumentInfo Document, string? Directory, bool Replace);

    private static string Read(string resource)
    {
        using var stream = typeof(JsLibraries).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(
                $"Embedded script '{resource}' is missing from Plugin.Music.dll: build host/Plugin.Music with node and npm available (npm ci + node build.mjs in host/Plugin.Music/js).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Drops the in-memory code caches (tests: the next compile reads the disk cache, as a new process would).</summary>
    internal static void ForgetInMemory()
    {
        foreach (var library in libraries.Values.Prepend(prelude).Where(l => l.IsValueCreated)) library.Value.Forget();
        foreach (var plugin in plugins.Values) plugin.Forget();
    }

    /// <summary>Plugin code, keyed by its SHA-256, with its code cache: reloading or instantiating a plugin again parses it once.</summary>
    private static readonly ConcurrentDictionary<string, CachedScript> plugins = new();

    /// <summary>Evaluates the plugin's wrapper, <c>function (module, exports, require)</c>, in <paramref name="engine"/>.</summary>
    public static object Plugin(V8ScriptEngine engine, string sha256, string code, string source, string? cacheDir)
    {
        if (!plugins.TryGetValue(sha256, out var script))
        {
            // Same line as the plugin's first line so error positions match the file.
            script = new CachedScript(source, "(function (module, exports, require) {" + code + "\n})");
            if (plugins.Count > 256) plugins.Clear();
            script = plugins.GetOrAdd(sha256, script);
        }
        return script.Evaluate(engine, cacheDir);
    }

    /// <summary>A script's text and, once one engine compiled it, V8's code cache for it (valid in any engine of this
    /// process, and of another process with the same V8 build: V8 checks and rejects a cache that does not fit).</summary>
    private sealed class CachedScript(string name, string code)
    {
        private byte[]? _cache;
        private string? _persistedIn;
        private string? _key;

        /// <summary>Compiles in <paramref name="engine"/>; <paramref name="directory"/> keeps the code cache across
        /// processes (file = SHA-256 of engine version + script text), null = in memory only. Without a usable cache
        /// the script is compiled without one and its cache is made after it ran (<see cref="MakeCodeCaches"/>).</summary>
        public V8Script Compile(V8ScriptEngine engine, string? directory)
        {
            var cache = Volatile.Read(ref _cache) ?? Load(directory);
            if (cache is not null)
            {
                var cached = engine.Compile(new DocumentInfo(name), code, V8CacheKind.Code, cache, out bool accepted);
                if (accepted)
                {
                    Volatile.Write(ref _cache, cache);
                    Persist(directory, cache, replace: false);
                    return cached;
                }
                cached.Dispose();
            }
            // The same document (its unique id) compiled again after the run finds this script in the isolate's script
            // cache, and V8 serialises it with the functions the run compiled (MakeAfterRun).
            var document = new DocumentInfo(name);
            var script = engine.Compile(document, code);
            var list = pending.GetOrCreateValue(engine);
            // A file V8 refused (another V8 build, damaged) is replaced.
            lock (list) list.Add(new PendingCache(this, document, directory, Replace: cache is not null));
            return script;
        }

        /// <summary>Makes the code cache of this script, compiled as <paramref name="document"/> in <paramref name="engine"/>
        /// and run there since.</summary>
        public void MakeAfterRun(V8ScriptEngine engine, DocumentInfo document, string? directory, bool replace)
        {
            byte[] made = [];
            try
            {
                using var again = engine.Compile(document, code, V8CacheKind.Code, ref made, out var result);
                if (result != V8CacheResult.Updated || made is not { Length: > 0 }) return;
            }
            catch (ScriptEngineException)
            {
                // The engine was ended meanwhile (a limit, disposal): the next engine that runs the script makes it.
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            Volatile.Write(ref _cache, made);
            Persist(directory, made, replace);
        }

        /// <summary>Takes the code cache from <paramref name="directory"/> into memory when there is one (not yet checked by V8).</summary>
        public void Preload(string? directory)
        {
            if (Volatile.Read(ref _cache) is not null) return;
            if (Load(directory) is not { Length: > 0 } cache) return;
            Volatile.Write(ref _cache, cache);
            _persistedIn = directory;
        }

        public void Forget()
        {
            Volatile.Write(ref _cache, null);
            _persistedIn = null;
        }

        public object Evaluate(V8ScriptEngine engine, string? directory)
        {
            using var script = Compile(engine, directory);
            return engine.Evaluate(script);
        }

        // "after a run": caches made after the script ran (MakeAfterRun); files made by compiling alone (earlier builds) are not taken.
        private string Key => _key ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(JsMusicSource.EngineDescription + "\ncode cache after a run\n" + code)));

        private byte[]? Load(string? directory)
        {
            if (directory is null) return null;
            try
            {
                var file = Path.Combine(directory, Key + ".v8");
                return File.Exists(file) ? File.ReadAllBytes(file) : null;
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        // Written once per directory, temp + rename, so a concurrent reader never sees half a file; failures only cost speed.
        // A file of another length than the cache in hand is replaced too: when the cache came from memory (another engine
        // of this process compiled the script first), the file itself was never read, and it may be damaged or stale.
        private void Persist(string? directory, byte[] cache, bool replace)
        {
            if (directory is null || (_persistedIn == directory && !replace)) return;
            try
            {
                var file = Path.Combine(directory, Key + ".v8");
                var existing = new FileInfo(file);
                if (replace || !existing.Exists || existing.Length != cache.Length)
                {
                    Directory.CreateDirectory(directory);
                    var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
                    File.WriteAllBytes(temp, cache);
                    File.Move(temp, file, overwrite: true);
                }
                _persistedIn = directory;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

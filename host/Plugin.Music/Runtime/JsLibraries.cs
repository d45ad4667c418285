using System.Collections.Concurrent;
using System.Reflection;
using Acornima.Ast;
using Jint;

namespace Plugin.Music.Runtime;

/// <summary>
/// The embedded scripts: the sandbox prelude and the npm bundles (js/dist, built from package-lock.json). Each is
/// parsed once per process into a thread-safe prepared script and wrapped as a function expression, so every
/// plugin engine gets its own instances of the libraries (plugins stay isolated) without parsing them again.
/// </summary>
internal static class JsLibraries
{
    /// <summary>What plugins may <c>require</c> (the libraries MusicFree offers).</summary>
    public static readonly IReadOnlyList<string> Names = ["axios", "cheerio", "crypto-js", "dayjs", "qs", "he", "big-integer"];

    /// <summary>The packages behind the prelude's globals (Buffer, atob/btoa, URL/URLSearchParams, TextEncoder/TextDecoder):
    /// not require()-able, instantiated in an engine on the first use of their global.</summary>
    public static readonly IReadOnlyList<string> GlobalNames = ["buffer", "base-64", "url", "text-encoding-utf-8"];

    private static readonly Lazy<Prepared<Script>> prelude = new(() => Prepare("Plugin.Music.Prelude.sandbox.js", "sandbox.js", wrap: false));
    private static readonly ConcurrentDictionary<string, Lazy<Prepared<Script>>> libraries = new(
        Names.Concat(GlobalNames).ToDictionary(n => n, n => new Lazy<Prepared<Script>>(() => Prepare($"Plugin.Music.Lib.{n}.js", n + ".js", wrap: true))));

    public static Prepared<Script> Prelude => prelude.Value;

    public static Prepared<Script> Library(string name) => libraries[name].Value;

    /// <summary>Parses every library now (start-up warm-up; the first plugin load is otherwise the slow one).</summary>
    public static void Warm()
    {
        // Prepared scripts are independent: parse them side by side.
        Parallel.ForEach(Names.Concat(GlobalNames).Prepend("prelude"), name => _ = name == "prelude" ? Prelude : Library(name));
    }

    private static Prepared<Script> Prepare(string resource, string source, bool wrap)
    {
        using var stream = typeof(JsLibraries).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(
                $"Embedded script '{resource}' is missing from Plugin.Music.dll: build host/Plugin.Music with node and npm available (npm ci + node build.mjs in host/Plugin.Music/js).");
        using var reader = new StreamReader(stream);
        var code = reader.ReadToEnd();
        // A CommonJS bundle refers to the free variables module/exports; the wrapper supplies them per engine.
        if (wrap) code = "(function (module, exports) {" + code + "\n})";
        return Engine.PrepareScript(code, source, options: PreparationOptions);
    }

    // Compiling every regex literal to IL up front cost ~9 s for qs' bundle alone (get-intrinsic & co. are full of
    // them); interpreted regexes parse in milliseconds and plugins' patterns are small.
    private static readonly ScriptPreparationOptions PreparationOptions = new()
    {
        ParsingOptions = new ScriptParsingOptions { CompileRegex = false },
    };

    /// <summary>Prepared plugin code, keyed by its SHA-256, so reloading or instantiating a plugin twice parses once.</summary>
    private static readonly ConcurrentDictionary<string, Prepared<Script>> plugins = new();

    public static Prepared<Script> PreparePlugin(string sha256, string code, string source)
    {
        if (plugins.TryGetValue(sha256, out var prepared)) return prepared;
        // Same line as the plugin's first line so error positions match the file.
        prepared = Engine.PrepareScript("(function (module, exports, require) {" + code + "\n})", source, options: PreparationOptions);
        if (plugins.Count > 256) plugins.Clear();
        return plugins.GetOrAdd(sha256, prepared);
    }
}

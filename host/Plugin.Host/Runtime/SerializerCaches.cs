using System.Reflection;
using System.Text.Json;
using Plugin.Host.Api;
using Plugin.Sdk;

namespace Plugin.Host.Runtime;

/// <summary>
/// System.Text.Json caches type metadata per options instance and never evicts it. The shared options
/// (<see cref="PluginJson.Options"/>: config, arguments, API results; the music engine's MusicJson) therefore hold every plugin type they ever saw, which
/// pins the plugin's collectible load context after unload. The framework's own hot-reload hook clears these caches;
/// it is internal, so it is reached by reflection, and when it is missing (a future runtime) unloading still works,
/// only the memory of unloaded plugins is not reclaimed.
/// </summary>
internal static class SerializerCaches
{
    private static readonly MethodInfo? ClearCaches =
        typeof(JsonSerializerOptions).GetMethod("ClearCaches", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

    // Also clears the serializer's static member-accessor cache (compiled getters/setters of plugin properties).
    private static readonly MethodInfo? ClearStatic = typeof(JsonSerializerOptions).Assembly
        .GetType("System.Text.Json.JsonSerializerOptionsUpdateHandler")?
        .GetMethod("ClearCache", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);

    public static bool Supported => ClearCaches is not null && ClearStatic is not null;

    public static void ClearShared()
    {
        Clear(PluginJson.Options);
        Clear(HostJson.Options);
        // C# music sources' results are written with their runtime types (MediaBaseConverter), plugin subclasses included.
        Clear(Plugin.Music.MusicJson.Options);
        Clear(Plugin.Music.MusicJson.Indented);
        try { ClearStatic?.Invoke(null, [null]); }
        catch (TargetInvocationException) { /* best effort */ }
    }

    private static void Clear(JsonSerializerOptions options)
    {
        try { ClearCaches?.Invoke(options, null); }
        catch (TargetInvocationException) { /* best effort: see the summary */ }
    }
}

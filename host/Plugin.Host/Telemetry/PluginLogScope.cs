using System.Collections;

namespace Plugin.Host.Telemetry;

/// <summary>
/// The log scope of a call into plugin code: one <c>PluginId</c> property, so structured sinks (JSON console,
/// OpenTelemetry logs) attach it to every entry written during the call, the plugin's own included, and the simple
/// console shows <c>plugin Echo</c> when <c>Logging:Console:IncludeScopes</c> is on.
/// </summary>
public sealed class PluginLogScope(string pluginId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Key = "PluginId";

    public string PluginId { get; } = pluginId;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Key, PluginId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "plugin " + PluginId;
}

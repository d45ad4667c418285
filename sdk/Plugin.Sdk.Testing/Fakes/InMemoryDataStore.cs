using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Manifest;

namespace Plugin.Sdk.Testing;

/// <summary>
/// The plugin's key/value data, kept in memory as JSON text: values go through the same <see cref="PluginJson"/>
/// conventions as the host's store, so a type that would not survive the host's round trip fails here too.
/// </summary>
public sealed class InMemoryDataStore : IPluginDataStore
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _shared = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <inheritdoc/>
    public Task SaveAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var json = JsonSerializer.Serialize(value, PluginJson.Options);
        lock (_gate) _values[key] = json;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default) => Task.FromResult(Get<T>(key));

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_values.Remove(key));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default) => Task.FromResult(Keys);

    /// <inheritdoc/>
    public Task ShareAsync(string key, CancellationToken cancellationToken = default)
    {
        InteropRules.CheckPattern(key);
        lock (_gate) _shared.Add(key);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> UnshareAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_shared.Remove(key));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> SharedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<string>>(_shared.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The value saved under <paramref name="key"/>, read as <typeparamref name="T"/>; default when absent.</summary>
    public T? Get<T>(string key)
    {
        string? json;
        lock (_gate) _values.TryGetValue(key, out json);
        return json is null ? default : JsonSerializer.Deserialize<T>(json, PluginJson.Options);
    }

    /// <summary>The saved JSON of <paramref name="key"/>, or null.</summary>
    public JsonNode? GetJson(string key)
    {
        string? json;
        lock (_gate) _values.TryGetValue(key, out json);
        return json is null ? null : JsonNode.Parse(json);
    }

    /// <summary>Whether a value is saved under <paramref name="key"/>.</summary>
    public bool Contains(string key)
    {
        lock (_gate) return _values.ContainsKey(key);
    }

    /// <summary>Saved keys in ordinal order.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_gate) return _values.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Seeds data before a test, as if an earlier run had saved it.</summary>
    public void Set<T>(string key, T value) => SaveAsync(key, value).GetAwaiter().GetResult();

    /// <summary>Removes every saved value and share mark.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _values.Clear();
            _shared.Clear();
        }
    }
}

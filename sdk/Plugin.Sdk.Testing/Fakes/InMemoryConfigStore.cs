using System.Text.Json.Nodes;

namespace Plugin.Sdk.Testing;

/// <summary>The plugin's saved config, kept in memory. <see cref="Saved"/> is what the plugin (or the test) saved last.</summary>
public sealed class InMemoryConfigStore : IPluginConfigStore
{
    private JsonObject? _saved;
    private readonly object _gate = new();

    /// <summary>A copy of the saved config, or null when nothing was saved.</summary>
    public JsonObject? Saved
    {
        get
        {
            lock (_gate) return _saved?.DeepClone().AsObject();
        }
    }

    /// <summary>How many times <see cref="SaveAsync"/> was called (the plugin's own saves included).</summary>
    public int SaveCount { get; private set; }

    /// <inheritdoc/>
    public Task<JsonObject?> LoadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_saved?.DeepClone().AsObject());
    }

    /// <inheritdoc/>
    public Task SaveAsync(JsonObject config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (_gate)
        {
            // Copies both ways: the store must not change when the caller later edits its object (a real store is on disk).
            _saved = config.DeepClone().AsObject();
            SaveCount++;
        }
        return Task.CompletedTask;
    }
}

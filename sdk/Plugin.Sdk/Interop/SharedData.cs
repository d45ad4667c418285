namespace Plugin.Sdk;

/// <summary>What reading another plugin's data found (<see cref="IPluginInterop.GetDataAsync{T}"/>).</summary>
public enum SharedDataStatus
{
    /// <summary>The key is shared and saved: <see cref="SharedData{T}.Value"/> holds it.</summary>
    Found = 0,

    /// <summary>The key is shared but nothing is saved under it (yet).</summary>
    NotSaved = 1,

    /// <summary>The plugin did not share the key (whether it saved one is not told).</summary>
    NotShared = 2,

    /// <summary>No plugin with that id is installed.</summary>
    UnknownPlugin = 3,
}

/// <summary>The answer to reading another plugin's data: a value only when <see cref="Status"/> is <see cref="SharedDataStatus.Found"/>.</summary>
/// <typeparam name="T">The type the value is read as.</typeparam>
public sealed class SharedData<T>
{
    /// <summary>An answer.</summary>
    public SharedData(string pluginId, string key, SharedDataStatus status, T? value = default)
    {
        PluginId = pluginId;
        Key = key;
        Status = status;
        Value = status == SharedDataStatus.Found ? value : default;
    }

    /// <summary>The plugin whose data was asked for.</summary>
    public string PluginId { get; }

    /// <summary>The key asked for.</summary>
    public string Key { get; }

    /// <summary>What was found.</summary>
    public SharedDataStatus Status { get; }

    /// <summary>The value when found, else default.</summary>
    public T? Value { get; }

    /// <summary>True when <see cref="Value"/> holds the saved value.</summary>
    public bool Found => Status == SharedDataStatus.Found;

    /// <summary>The answer in words, for logs and messages.</summary>
    public string Message => Status switch
    {
        SharedDataStatus.Found => $"Plugin {PluginId} shares '{Key}'.",
        SharedDataStatus.NotSaved => $"Plugin {PluginId} shares '{Key}', but nothing is saved under it.",
        SharedDataStatus.NotShared => $"Plugin {PluginId} does not share '{Key}'.",
        _ => $"No plugin {PluginId} is installed.",
    };

    /// <inheritdoc/>
    public override string ToString() => Message;
}

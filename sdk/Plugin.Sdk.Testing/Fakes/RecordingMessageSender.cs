namespace Plugin.Sdk.Testing;

/// <summary>Records every message the plugin posts, in order, instead of sending it.</summary>
public sealed class RecordingMessageSender : IMessageSender
{
    private readonly List<Notification> _sent = [];
    private readonly object _gate = new();

    /// <summary>Every message posted so far, in order.</summary>
    public IReadOnlyList<Notification> Sent
    {
        get
        {
            lock (_gate) return _sent.ToList();
        }
    }

    /// <summary>Records <paramref name="message"/>.</summary>
    public Task PostAsync(Notification message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate) _sent.Add(message);
        return Task.CompletedTask;
    }

    /// <summary>Forgets the messages posted so far.</summary>
    public void Clear()
    {
        lock (_gate) _sent.Clear();
    }
}

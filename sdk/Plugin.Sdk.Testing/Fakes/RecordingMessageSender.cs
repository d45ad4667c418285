namespace Plugin.Sdk.Testing;

/// <summary>Records every message the plugin posts, in order, instead of sending it.</summary>
public sealed class RecordingMessageSender : IMessageSender
{
    private readonly List<Notification> _sent = [];
    private readonly object _gate = new();

    public IReadOnlyList<Notification> Sent
    {
        get
        {
            lock (_gate) return _sent.ToList();
        }
    }

    public Task PostAsync(Notification message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate) _sent.Add(message);
        return Task.CompletedTask;
    }

    public void Clear()
    {
        lock (_gate) _sent.Clear();
    }
}

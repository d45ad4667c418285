namespace Plugin.Sdk;

/// <summary>Sends messages to users through the host's notification channels.</summary>
public interface IMessageSender
{
    /// <summary>Sends <paramref name="message"/> through the host's notification channels.</summary>
    Task PostAsync(Notification message, CancellationToken cancellationToken = default);
}

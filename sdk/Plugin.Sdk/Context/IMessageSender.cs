namespace Plugin.Sdk;

/// <summary>Sends messages to users through the host's notification channels.</summary>
public interface IMessageSender
{
    Task PostAsync(Notification message, CancellationToken cancellationToken = default);
}

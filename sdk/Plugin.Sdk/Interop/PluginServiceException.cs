namespace Plugin.Sdk;

/// <summary>A call to another plugin's service (<see cref="IPluginInterop.CallAsync{TRequest, TResponse}"/>) failed:
/// the provider's handler threw or ran out of time, or its answer did not fit the caller's type.</summary>
public class PluginServiceException : Exception
{
    /// <summary>A failure of <paramref name="service"/> of <paramref name="pluginId"/>.</summary>
    public PluginServiceException(string pluginId, string service, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        PluginId = pluginId;
        Service = service;
    }

    /// <summary>The plugin that was called.</summary>
    public string PluginId { get; }

    /// <summary>The service that was called.</summary>
    public string Service { get; }
}

/// <summary>The service is not offered now: its plugin is not installed, not active, has stopped or unloaded, or never
/// offered it. Not a fault of the caller's plugin: check <see cref="IPluginInterop.IsOffered"/> or try later.</summary>
public sealed class PluginServiceUnavailableException : PluginServiceException
{
    /// <summary>The service <paramref name="service"/> of <paramref name="pluginId"/> is not offered.</summary>
    public PluginServiceUnavailableException(string pluginId, string service)
        : base(pluginId, service, $"Plugin {pluginId} does not offer service '{service}' now (not installed, not active, unloaded, or never offered).")
    {
    }
}

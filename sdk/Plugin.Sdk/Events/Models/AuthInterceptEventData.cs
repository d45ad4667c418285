namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.AuthIntercept"/>: a login through a third-party service, which a handler may refuse.</summary>
public sealed class AuthInterceptEventData : ChainEventData
{
    /// <summary>The user name.</summary>
    public string? Name { get; set; }
    /// <summary>The authentication channel.</summary>
    public string? Channel { get; set; }
    /// <summary>The third-party service.</summary>
    public string? Service { get; set; }
    /// <summary>The service's authentication status.</summary>
    public string? Status { get; set; }
    /// <summary>The token the service issued.</summary>
    public string? Token { get; set; }
    /// <summary>Set true to refuse the login.</summary>
    public bool Cancel { get; set; }
    /// <summary>Why the login was refused.</summary>
    public string? Reason { get; set; }
}

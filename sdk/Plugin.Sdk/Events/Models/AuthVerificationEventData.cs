namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.AuthVerification"/>: a login with user name and password, which a handler may authenticate.</summary>
public sealed class AuthVerificationEventData : ChainEventData
{
    /// <summary>The user name entered.</summary>
    public string? Name { get; set; }
    /// <summary>The password entered.</summary>
    public string? Password { get; set; }
    /// <summary>The authentication channel.</summary>
    public string? Channel { get; set; }
    /// <summary>The authentication service.</summary>
    public string? Service { get; set; }
    /// <summary>A token the handler sets when it authenticates the user.</summary>
    public string? Token { get; set; }
    /// <summary>Set true to refuse the login.</summary>
    public bool Cancel { get; set; }
    /// <summary>Why the login was refused, shown to the user.</summary>
    public string? Reason { get; set; }
}

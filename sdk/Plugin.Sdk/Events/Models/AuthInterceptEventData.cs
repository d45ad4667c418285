namespace Plugin.Sdk;

public sealed class AuthInterceptEventData : ChainEventData
{
    public string? Name { get; set; }
    public string? Channel { get; set; }
    public string? Service { get; set; }
    public string? Status { get; set; }
    public string? Token { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}

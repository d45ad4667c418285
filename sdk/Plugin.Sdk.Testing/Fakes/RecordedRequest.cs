namespace Plugin.Sdk.Testing;

/// <summary>A request the plugin sent; the body is read as text.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri? Uri, string? Body);

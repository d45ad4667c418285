namespace Plugin.Sdk;

/// <summary>Who asks for a dashboard (the seed's <c>kwargs</c>: <c>user_agent</c>).</summary>
public sealed record DashboardRequest(string Key, string? UserAgent = null);

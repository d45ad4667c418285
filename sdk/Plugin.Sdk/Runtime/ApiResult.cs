namespace Plugin.Sdk;

/// <summary>MoviePilot's response envelope, for plugin APIs that answer in it.</summary>
public sealed record ApiResult(bool Success, string? Message = null, object? Data = null)
{
    /// <summary>A successful answer with <paramref name="data"/>.</summary>
    public static ApiResult Ok(object? data = null, string? message = null) => new(true, message, data);
    /// <summary>A failed answer; <paramref name="message"/> says why.</summary>
    public static ApiResult Fail(string message) => new(false, message);
}

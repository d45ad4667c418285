using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Testing;

/// <summary>
/// What a plugin API answered: the status the host would send (200 for every returned value, null included; 400 for a
/// binding error; 404 for an unknown path; 405 for a known path with another method), the value and its JSON.
/// </summary>
public sealed class ApiCallResult
{
    private readonly bool _hasBody;

    /// <summary>A result with <paramref name="statusCode"/>, the returned <paramref name="value"/> and the host's <paramref name="error"/> message.</summary>
    public ApiCallResult(int statusCode, object? value, string? error)
        : this(statusCode, value, error, hasBody: true)
    {
    }

    internal ApiCallResult(int statusCode, object? value, string? error, bool hasBody)
    {
        StatusCode = statusCode;
        Value = value;
        Error = error;
        _hasBody = hasBody;
    }

    /// <summary>The HTTP status the host would answer.</summary>
    public int StatusCode { get; }

    /// <summary>The value the method returned (before serialisation).</summary>
    public object? Value { get; }

    /// <summary>The host's error message for 400, 404 and 405.</summary>
    public string? Error { get; }

    /// <summary>The body as the host would send it, parsed; null for a null result, an error or a HEAD request.</summary>
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The body text as the host would send it (<see cref="PluginJson.Options"/>): <c>null</c> for a null result;
    /// empty for an error status and for a HEAD request, whose answer has no body.</summary>
    public string Body => StatusCode == ApiResponseRule.StatusCode && _hasBody ? ApiResponseRule.Serialize(Value) : "";

    /// <summary>The body read back as <typeparamref name="T"/> (as a client would).</summary>
    public T? As<T>() => Value is null ? default : JsonSerializer.Deserialize<T>(ApiResponseRule.Serialize(Value), PluginJson.Options);
}

using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// The rules of <see cref="IPluginInterop"/> the host and the test kit both apply, so a plugin's unit tests see what the
/// host does: which keys a share pattern covers, and how a service call crosses from one plugin to another (as JSON with
/// <see cref="PluginJson"/>, never as an object of one plugin's load context held by the other).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InteropRules
{
    /// <summary>A service handler as the host keeps it: JSON in, JSON out, so it holds no type of the caller.</summary>
    public delegate Task<string> JsonHandler(string requestJson, CancellationToken cancellationToken);

    /// <summary>Checks a share pattern: a key, or a prefix ending in one <c>*</c> (<c>"daily-*"</c>); <c>"*"</c> shares every key.</summary>
    public static void CheckPattern(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
            throw new ArgumentException("A shared key must not be empty.", nameof(pattern));
        if (pattern.IndexOf('*') is var star and >= 0 && star != pattern.Length - 1)
            throw new ArgumentException($"Shared key '{pattern}': '*' may only end a prefix (\"daily-*\").", nameof(pattern));
    }

    /// <summary>True when <paramref name="key"/> is covered by one of <paramref name="patterns"/> (exact, or by prefix).</summary>
    public static bool IsShared(IEnumerable<string> patterns, string key)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var pattern in patterns)
        {
            if (pattern.EndsWith('*') ? key.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, key, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>Checks a service name: not blank.</summary>
    public static void CheckServiceName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A service name must not be blank.", nameof(name));
    }

    /// <summary>The provider's typed handler as a <see cref="JsonHandler"/>: reads the request as
    /// <typeparamref name="TRequest"/>, writes the answer as JSON.</summary>
    public static JsonHandler Wrap<TRequest, TResponse>(Func<TRequest, CancellationToken, Task<TResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return async (json, ct) =>
        {
            var request = JsonSerializer.Deserialize<TRequest>(json, PluginJson.Options)!;
            var response = await handler(request, ct).ConfigureAwait(false);
            return JsonSerializer.Serialize(response, PluginJson.Options);
        };
    }

    /// <summary>The caller's request as JSON.</summary>
    public static string WriteRequest<TRequest>(TRequest request) => JsonSerializer.Serialize(request, PluginJson.Options);

    /// <summary>The provider's answer read as the caller's <typeparamref name="TResponse"/>; an answer that does not fit is a
    /// <see cref="PluginServiceException"/> naming the service.</summary>
    public static TResponse? ReadResponse<TResponse>(string pluginId, string name, string json)
    {
        try { return JsonSerializer.Deserialize<TResponse>(json, PluginJson.Options); }
        catch (JsonException e)
        {
            throw new PluginServiceException(pluginId, name,
                $"Plugin {pluginId}, service '{name}': the answer does not fit {typeof(TResponse).Name}: {e.Message}", e);
        }
    }
}

using Microsoft.Extensions.Configuration;

namespace Plugin.Host.Workers;

/// <summary>
/// <c>Host:Plugins:Isolation</c>: where plugins run unless an admin chose otherwise for one of them
/// (<see cref="IsolationPolicy"/>). Read once at start; a value that is neither mode stops the start with a message naming
/// the key, so a typo does not silently run strangers' code in-process.
/// </summary>
public sealed class IsolationOptions
{
    public const string Key = "Host:Plugins:Isolation";

    public PluginIsolation Default { get; init; } = PluginIsolation.InProcess;

    public static IsolationOptions From(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
            return new IsolationOptions();
        if (!PluginIsolationNames.TryParse(text, out var mode))
            throw new InvalidOperationException($"{Key} must be {PluginIsolationNames.Allowed}; got '{text}'.");
        return new IsolationOptions { Default = mode };
    }
}

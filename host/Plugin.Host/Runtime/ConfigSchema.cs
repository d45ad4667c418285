using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// A config body checked against the plugin's config class (<see cref="PluginDescriptor.ConfigType"/>, the TConfig of
/// <c>PluginBase&lt;TConfig&gt;</c>) before it is saved: a key the class has must hold a value of its property's type
/// (else <see cref="PluginErrorKind.Invalid"/> naming the key), and a key the class does not have is dropped, not
/// stored. Dropped rather than refused because the web UI saves back what it read: after an update that removed a
/// setting the saved config still has the old key, and refusing it would leave the user no way to save.
/// A class with a <c>[JsonExtensionData]</c> member keeps every key (it asked for them).
/// </summary>
public static class ConfigSchema
{
    /// <summary>The config to save and the keys left out of it.</summary>
    public sealed record Result(JsonObject Config, IReadOnlyList<string> Dropped);

    public static Result Check(PluginDescriptor descriptor, JsonObject config)
    {
        // A plugin in a worker: its config class is there, and so is the check.
        if (Workers.Proxy.ProxyManifest.IsProxy(descriptor))
            return ((Workers.Proxy.ProxyPlugin)descriptor.Create()).CheckConfig(config);
        var type = PluginJson.Options.GetTypeInfo(descriptor.ConfigType);
        if (type.Kind != JsonTypeInfoKind.Object)
            return new Result(config, []);
        var keepUnknown = type.Properties.Any(p => p.IsExtensionData);
        // PluginJson reads names case-insensitively, so "Greeting" sets the property "greeting" too.
        var properties = type.Properties.Where(p => !p.IsExtensionData)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var dropped = new List<string>();
        foreach (var (key, value) in config.ToList())
        {
            if (!properties.TryGetValue(key, out var property))
            {
                if (keepUnknown) continue;
                dropped.Add(key);
                config.Remove(key);
                continue;
            }
            try
            {
                JsonSerializer.Deserialize(value, property.PropertyType, PluginJson.Options);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
            {
                throw new PluginError(PluginErrorKind.Invalid,
                    $"Invalid config for plugin {descriptor.Id}: field '{key}' must be {Describe(property.PropertyType)}, not {Describe(value)}.", e);
            }
        }
        return new Result(config, dropped);
    }

    /// <summary>The dropped keys for a message: the first few by name, the rest counted (a body may hold thousands).</summary>
    public static string DescribeDropped(IReadOnlyList<string> dropped) => dropped.Count switch
    {
        0 => "",
        <= 5 => $" Unknown keys ignored: {string.Join(", ", dropped)}.",
        _ => $" Unknown keys ignored: {string.Join(", ", dropped.Take(5))} and {dropped.Count - 5} more.",
    };

    private static string Describe(Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var core = nullable ?? type;
        var name = core == typeof(string) ? "a string"
            : core == typeof(bool) ? "true or false"
            : core == typeof(int) || core == typeof(long) || core == typeof(short) || core == typeof(byte) ? "a whole number"
            : core == typeof(double) || core == typeof(float) || core == typeof(decimal) ? "a number"
            : core.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(core).Select(PluginJson.NameOf))
            : typeof(System.Collections.IDictionary).IsAssignableFrom(core) || core.GetInterfaces().Any(i => i.IsGenericType
                && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) ? "an object"
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(core) ? "a list"
            : "an object (" + core.Name + ")";
        return nullable is null ? name : name + " or null";
    }

    private static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind() switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => value.GetValueKind().ToString(),
    };
}

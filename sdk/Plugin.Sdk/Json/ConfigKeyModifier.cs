using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Plugin.Sdk;

/// <summary>
/// Applies <see cref="ConfigKeysAttribute"/> to <see cref="PluginJson.Options"/>: the naming policy of the options is one
/// for all types, so a class that asks for other keys has its property names rewritten when its contract is built. Types
/// without the attribute (every plugin built against Plugin.Sdk 1.0.0) keep the snake_case names untouched.
/// </summary>
internal static class ConfigKeyModifier
{
    public static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        if (type.Type.GetCustomAttribute<ConfigKeysAttribute>(inherit: true) is not { } keys) return;
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || property.IsExtensionData) continue;
            if (member.IsDefined(typeof(JsonPropertyNameAttribute), inherit: true)) continue;
            property.Name = KeyOf(keys, member);
        }
    }

    private static string KeyOf(ConfigKeysAttribute keys, MemberInfo member) =>
        keys.EnabledKey is { Length: > 0 } enabledKey && IsEnableSwitch(member)
            ? enabledKey
            : ConfigKeyNames.Convert(keys.Naming, member.Name);

    private static bool IsEnableSwitch(MemberInfo member) =>
        member.DeclaringType == typeof(PluginConfig) && member.Name == nameof(PluginConfig.Enabled);
}

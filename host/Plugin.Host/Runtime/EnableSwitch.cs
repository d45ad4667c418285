using System.Reflection;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// Where a plugin keeps its on/off state: <see cref="PluginConfig.Enabled"/> under the key its config class gives it —
/// <c>enabled</c>, or what <c>[ConfigKeys(EnabledKey = "enable")]</c> names — read from the serializer's own contract
/// (<see cref="PluginJson.Options"/>), so the host writes exactly the key the plugin reads.
/// </summary>
public static class EnableSwitch
{
    /// <summary>The switch's JSON key, or null when the config class has none (it does not derive from PluginConfig).</summary>
    public static string? KeyOf(PluginDescriptor descriptor)
    {
        if (Workers.Proxy.ProxyManifest.TryEnableKey(descriptor, out var remote))
            return remote; // read by the worker, which has the config class
        if (!typeof(PluginConfig).IsAssignableFrom(descriptor.ConfigType)) return null;
        var contract = PluginJson.Options.GetTypeInfo(descriptor.ConfigType);
        return contract.Properties.FirstOrDefault(p => p.AttributeProvider is PropertyInfo property
            && property.DeclaringType == typeof(PluginConfig) && property.Name == nameof(PluginConfig.Enabled))?.Name;
    }

    /// <summary>The config class's name for messages: a plugin in a worker has its class there, the host a stand-in.</summary>
    public static string ConfigClassName(PluginDescriptor descriptor) =>
        Workers.Proxy.ProxyManifest.ConfigClassOf(descriptor) ?? descriptor.ConfigType.Name;
}

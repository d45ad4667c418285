using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Host.Cluster.Redis;

/// <summary>How the hosts write what they send each other through Redis (camelCase, enums by name).</summary>
internal static class ClusterJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Plugin.Music;

namespace Plugin.Host.Web;

/// <summary>
/// The OpenAPI generator describes every type with the host's JSON options (snake_case, every property written), but the
/// music engine writes its answers with <see cref="MusicJson.Options"/>: camelCase, nulls left out, enums in camelCase.
/// This puts the names, the required list and the enum values of the music types (the engine's and the SDK's music
/// models) the way the engine writes them, so the document describes what a client receives.
/// </summary>
public sealed class MusicSchemaNames : IOpenApiSchemaTransformer
{
    private static readonly NullabilityInfoContext Nullability = new();

    // A copy with the reflection resolver: the engine's own options get theirs only once it first serializes.
    private static readonly JsonSerializerOptions Music = new(MusicJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!IsMusicType(type))
            return Task.CompletedTask;
        if (type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(EnumName(type, name)))];
            return Task.CompletedTask;
        }
        if (schema.Properties is not { Count: > 0 } properties)
            return Task.CompletedTask;
        var musicProperties = Music.GetTypeInfo(type).Properties.ToDictionary(p => MemberName(p) ?? p.Name);
        var renamed = new Dictionary<string, IOpenApiSchema>();
        var required = new HashSet<string>();
        foreach (var hostProperty in context.JsonTypeInfo.Properties)
        {
            if (!properties.TryGetValue(hostProperty.Name, out var propertySchema))
                continue;
            if (MemberName(hostProperty) is not { } member || !musicProperties.TryGetValue(member, out var musicProperty))
            {
                renamed[hostProperty.Name] = propertySchema;
                continue;
            }
            renamed[musicProperty.Name] = propertySchema;
            if (AlwaysWritten(musicProperty))
                required.Add(musicProperty.Name);
        }
        schema.Properties = renamed;
        schema.Required = required;
        return Task.CompletedTask;
    }

    private static bool IsMusicType(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("Plugin.Music", StringComparison.Ordinal) || ns == "Plugin.Sdk.Music");

    private static string? MemberName(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name;

    /// <summary>Null values are left out by <see cref="MusicJson"/> unless the member says otherwise; a value that cannot be
    /// null is always there.</summary>
    private static bool AlwaysWritten(JsonPropertyInfo property)
    {
        if (property.AttributeProvider is not MemberInfo member)
            return false;
        if (member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Never })
            return true;
        var type = property.PropertyType;
        if (type.IsValueType)
            return Nullable.GetUnderlyingType(type) is null;
        var state = member switch
        {
            PropertyInfo p => Nullability.Create(p).ReadState,
            FieldInfo f => Nullability.Create(f).ReadState,
            _ => NullabilityState.Unknown,
        };
        return state == NullabilityState.NotNull;
    }

    private static string EnumName(Type type, string name) =>
        type.GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(name);
}

// Compiled into Plugin.Sdk (public) and, linked, into the generator (internal there: PLUGIN_SDK_GENERATOR), so the
// generated form and the serializer name config keys by this one definition. See README.md in this folder.
namespace Plugin.Sdk;

/// <summary>How the JSON keys of a config class are formed from its property names (<see cref="ConfigKeysAttribute"/>).</summary>
#if PLUGIN_SDK_GENERATOR
internal
#else
public
#endif
enum ConfigKeyNaming
{
    /// <summary>snake_case, the SDK's default: <c>OnlyOnce</c> → <c>only_once</c>.</summary>
    SnakeCase = 0,

    /// <summary>Lower case without separators, as most MoviePilot plugins write them: <c>OnlyOnce</c> → <c>onlyonce</c>.</summary>
    Lowercase,

    /// <summary>camelCase: <c>OnlyOnce</c> → <c>onlyOnce</c>.</summary>
    CamelCase,
}

// Compiled into Plugin.Sdk and, linked, into the generator (Plugin.Sdk.Generators.csproj), so both read one definition.
namespace Plugin.Sdk;

/// <summary>HTTP verbs a plugin API answers; combine with <c>|</c>.</summary>
[Flags]
public enum HttpVerb
{
    Get = 1,
    Post = 2,
    Put = 4,
    Delete = 8,
}

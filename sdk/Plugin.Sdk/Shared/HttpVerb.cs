// Compiled into Plugin.Sdk (public) and, linked, into the generator (internal there: PLUGIN_SDK_GENERATOR), so the
// generator writes member names read from this very definition. See README.md in this folder.
namespace Plugin.Sdk;

/// <summary>HTTP verbs a plugin API answers; combine with <c>|</c>.</summary>
[System.Flags]
#if PLUGIN_SDK_GENERATOR
internal
#else
public
#endif
enum HttpVerb
{
    /// <summary><c>GET</c>: read without side effects. The default of <c>[Api]</c>.</summary>
    Get = 1,

    /// <summary><c>POST</c>: the arguments usually come in the JSON body.</summary>
    Post = 2,

    /// <summary><c>PUT</c>: replace or store what the path names.</summary>
    Put = 4,

    /// <summary><c>DELETE</c>: remove what the path names.</summary>
    Delete = 8,
}

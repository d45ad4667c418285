using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>A call to a module method a plugin overrides; arguments by name, as JSON.</summary>
/// <remarks>
/// Hidden from IntelliSense: the host makes it and generated code binds a <see cref="ModuleOverrideAttribute"/>
/// method's parameters from it, so plugin code never sees one.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModuleCall(string method, IReadOnlyDictionary<string, JsonElement> arguments) : IArgumentSource
{
    /// <summary>The module method called, e.g. <c>post_message</c>.</summary>
    public string Method { get; } = method;
    /// <summary>The call's arguments by name, as JSON.</summary>
    public IReadOnlyDictionary<string, JsonElement> ArgumentValues { get; } = arguments;
    /// <summary>Always null: a module call has arguments, not a body.</summary>
    public JsonElement? Body => null;

    /// <summary>Always false: module call arguments are JSON.</summary>
    public bool TryGetText(string name, out string? value)
    {
        value = null;
        return false;
    }

    /// <summary>The argument <paramref name="name"/>.</summary>
    public bool TryGetJson(string name, out JsonElement value) => ArgumentValues.TryGetValue(name, out value);
}

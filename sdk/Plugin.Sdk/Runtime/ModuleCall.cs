using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>A call to a module method a plugin overrides; arguments by name, as JSON.</summary>
public sealed class ModuleCall(string method, IReadOnlyDictionary<string, JsonElement> arguments) : IArgumentSource
{
    public string Method { get; } = method;
    public IReadOnlyDictionary<string, JsonElement> ArgumentValues { get; } = arguments;
    public JsonElement? Body => null;

    public bool TryGetText(string name, out string? value)
    {
        value = null;
        return false;
    }

    public bool TryGetJson(string name, out JsonElement value) => ArgumentValues.TryGetValue(name, out value);
}

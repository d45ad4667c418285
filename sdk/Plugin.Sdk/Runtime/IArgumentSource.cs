using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Named arguments of an API request or a module call, as the generated binding code reads them.</summary>
/// <remarks>Hidden from IntelliSense: only the host and generated binding code use it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IArgumentSource
{
    /// <summary>A value given as text (a query string value).</summary>
    bool TryGetText(string name, out string? value);

    /// <summary>A value given as JSON (a body property or a module call argument).</summary>
    bool TryGetJson(string name, out JsonElement value);

    /// <summary>The whole JSON body, when there is one.</summary>
    JsonElement? Body { get; }
}

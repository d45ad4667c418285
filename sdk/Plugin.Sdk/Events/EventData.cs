using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>
/// Base of every event's data. Fields MoviePilot sends that the typed model does not name are kept in
/// <see cref="Extra"/>, so nothing is lost when an event passes through a plugin.
/// </summary>
public abstract class EventData
{
    /// <summary>Fields of the event's JSON that the typed model does not name, kept so they are passed on unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

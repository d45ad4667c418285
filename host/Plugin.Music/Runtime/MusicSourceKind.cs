using System.Text.Json.Serialization;

namespace Plugin.Music.Runtime;

/// <summary>What a music source runs on. Written as <c>"javascript"</c> / <c>"csharp"</c> in <c>plugins.json</c> and
/// the REST list, the values saved indexes and API clients already hold.</summary>
public enum MusicSourceKind
{
    [JsonStringEnumMemberName("javascript")] JavaScript,
    [JsonStringEnumMemberName("csharp")] CSharp,
}

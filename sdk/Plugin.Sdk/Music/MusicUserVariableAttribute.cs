namespace Plugin.Sdk.Music;

/// <summary>
/// Declares one user variable (<c>userVariables</c> entry) of a <see cref="MusicSourceAttribute"/> class; repeat
/// for each. Values reach the source through <see cref="MusicEnvironment.UserVariables"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class MusicUserVariableAttribute(string key, string? name = null) : Attribute
{
    /// <summary>The variable's key, as the source reads it from <see cref="MusicEnvironment.UserVariables"/>.</summary>
    public string Key { get; } = key;

    /// <summary>Shown in the settings panel (written as both <c>name</c> and the seed's <c>title</c>).</summary>
    public string? Name { get; } = name;

    /// <summary>Placeholder / help text (<c>hint</c>).</summary>
    public string? Hint { get; set; }
}

namespace Plugin.Sdk.Music;

/// <summary>
/// Thrown by a function the source does not implement. The host answers "unsupported" for it, the way the app
/// hides a feature whose function a plugin does not export.
/// </summary>
public sealed class MusicFunctionNotSupportedException(string function)
    : NotSupportedException($"The music source does not implement '{function}'.")
{
    /// <summary>The function name, e.g. <c>getLyric</c> (see <see cref="MusicFunctions"/>).</summary>
    public string Function { get; } = function;
}

namespace Plugin.Sdk.Music;

/// <summary>
/// The seed's global <c>env</c> for C# sources: set by the host around every call (an async-local value, so
/// concurrent calls each see their own).
/// </summary>
public sealed class MusicEnvironment
{
    private static readonly AsyncLocal<MusicEnvironment?> current = new();

    public IReadOnlyDictionary<string, string> UserVariables { get; init; } = new Dictionary<string, string>();
    public string AppVersion { get; init; } = "0.0.0";
    public string Os { get; init; } = "linux";
    public string Lang { get; init; } = "zh-CN";

    /// <summary>The environment of the call in progress (an empty one outside a call).</summary>
    public static MusicEnvironment Current
    {
        get => current.Value ?? Empty;
        set => current.Value = value;
    }

    public static MusicEnvironment Empty { get; } = new();
}

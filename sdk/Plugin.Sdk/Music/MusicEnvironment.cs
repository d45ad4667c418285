namespace Plugin.Sdk.Music;

/// <summary>
/// The seed's global <c>env</c> for C# sources: set by the host around every call (an async-local value, so
/// concurrent calls each see their own).
/// </summary>
public sealed class MusicEnvironment
{
    private static readonly AsyncLocal<MusicEnvironment?> current = new();

    /// <summary>The values the user entered for the source's user variables, by key.</summary>
    public IReadOnlyDictionary<string, string> UserVariables { get; init; } = new Dictionary<string, string>();
    /// <summary>The version of the app (here: the host) calling the source.</summary>
    public string AppVersion { get; init; } = "0.0.0";
    /// <summary>The operating system, e.g. <c>linux</c>.</summary>
    public string Os { get; init; } = "linux";
    /// <summary>The user's language, e.g. <c>zh-CN</c>.</summary>
    public string Lang { get; init; } = "zh-CN";

    /// <summary>The environment of the call in progress (an empty one outside a call).</summary>
    public static MusicEnvironment Current
    {
        get => current.Value ?? Empty;
        set => current.Value = value;
    }

    /// <summary>An environment with no user variables and default values.</summary>
    public static MusicEnvironment Empty { get; } = new();
}

using System.Runtime.CompilerServices;

namespace Plugin.Indexer.Tests;

/// <summary>Where this project's sources are.</summary>
internal static class SourceFiles
{
    /// <summary>
    /// The project's source folder: fixtures are read from source, not from the build output, so that a snapshot's
    /// <c>*.received.*</c> lands beside the committed file it should replace.
    /// </summary>
    public static string Dir { get; } = ThisDir();

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

namespace Plugin.TestSupport;

/// <summary>Where the repository's own outputs are, found from the test's bin folder upwards (the folder holding
/// <c>Plugin.Sdk.sln</c>).</summary>
public static class RepositoryPaths
{
    /// <summary>The local feed <c>./build.sh</c> packs into (<c>artifacts/packages</c>), or null when the repository or
    /// the feed is not there (nothing packed yet).</summary>
    public static string? LocalFeed()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.Sdk.sln")))
            {
                var path = Path.Combine(dir.FullName, "artifacts", "packages");
                return Directory.Exists(path) ? path : null;
            }
        }
        return null;
    }
}

namespace Plugin.Sdk.Packaging.Tests;

/// <summary>
/// The SDK's compatibility promise is enforced by the build, not by review: in a copy of the repository's SDK sources,
/// a member Plugin.Sdk 1.0.0 shipped is made internal, and both guards must stop it — the public API analyzer when the
/// SDK compiles (RS0017, the member is in PublicAPI.Shipped.txt but no longer public), and package validation against
/// the shipped package when it packs (CP0002, even with analyzers off).
/// </summary>
public sealed class BreakingChangeTests
{
    private const string Removed = "Plugin.Sdk.Manifest.MessageActionDescriptor.Matches";

    [Fact]
    public void Removing_a_shipped_member_fails_the_build_and_the_pack()
    {
        var repository = PackFixture.FindRepositoryRoot();
        var copy = Directory.CreateTempSubdirectory("plugin-sdk-break-").FullName;
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "nuget.config" })
                File.Copy(Path.Combine(repository, file), Path.Combine(copy, file));
            foreach (var folder in new[] { "sdk", "generators" })
                CopyDirectory(Path.Combine(repository, folder), Path.Combine(copy, folder));
            var source = Path.Combine(copy, "sdk", "Plugin.Sdk", "Manifest", "MessageActionDescriptor.cs");
            var text = File.ReadAllText(source);
            Assert.Contains("public bool Matches(string data)", text);
            File.WriteAllText(source, text.Replace("public bool Matches(string data)", "internal bool Matches(string data)"));
            var project = Path.Combine("sdk", "Plugin.Sdk", "Plugin.Sdk.csproj");
            var environment = new Dictionary<string, string>();

            var build = DotNet.Run(copy, environment, "build", project, "-c", "Release", "--nologo");
            Assert.True(build.ExitCode != 0, "the build passed with a shipped member removed:\n" + build.Output);
            Assert.Contains("RS0017", build.Output);
            Assert.Contains(Removed, build.Output);

            var pack = DotNet.Run(copy, environment, "pack", project, "-c", "Release", "--nologo", "-p:RunAnalyzers=false",
                "-o", Path.Combine(copy, "out"), "-p:PluginMarketJsonPath=none");
            Assert.True(pack.ExitCode != 0, "the pack passed with a shipped member removed:\n" + pack.Output);
            Assert.Contains("CP0002", pack.Output);
            Assert.Contains("MessageActionDescriptor.Matches", pack.Output);
        }
        finally
        {
            try { Directory.Delete(copy, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "node_modules"))
                continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

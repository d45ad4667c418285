using NuGet.Versioning;
using Plugin.Host.Dev;

namespace Plugin.Host.Tests;

/// <summary>Dev mode's pieces that need no build: reading MSBuild's diagnostics, dev versions, project paths, what the
/// watcher counts as a save. The whole loop runs against a real host in tests/Plugin.Sdk.Templates.Tests (DevLoopTests).</summary>
public sealed class DevModeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dev-mode-").FullName;

    [Fact]
    public void Compiler_and_generator_diagnostics_read_as_file_line_column_relative_to_the_project()
    {
        var project = Path.Combine(_root, "HelloPlugin");
        var lines = new[]
        {
            $"{project}/HelloPlugin.cs(41,71): error CS1525: Invalid expression term ',' [{project}/HelloPlugin.csproj]",
            $"{project}/Api/Status.cs(12,5): warning MPP0104: Api path '/status' is declared twice [{project}/HelloPlugin.csproj]",
            $"{project}/HelloPlugin.cs(41,71): error CS1525: Invalid expression term ',' [{project}/HelloPlugin.csproj]",
            $"{project}/HelloPlugin.csproj : error NU1101: Unable to find package Plugin.Sdk. No packages exist with this id in source(s): local",
            "MSBUILD : error MSB1009: Project file does not exist.",
            "  HelloPlugin -> /tmp/bin/HelloPlugin.dll",
        };

        var diagnostics = BuildDiagnostic.ParseAll(lines, project).Select(d => d.ToString()).ToList();

        Assert.Equal(
        [
            "HelloPlugin.cs:41:71: error CS1525: Invalid expression term ','",
            "Api/Status.cs:12:5: warning MPP0104: Api path '/status' is declared twice",
            "HelloPlugin.csproj: error NU1101: Unable to find package Plugin.Sdk. No packages exist with this id in source(s): local",
            "error MSB1009: Project file does not exist.",
        ], diagnostics);
    }

    [Fact]
    public void Each_dev_build_gets_a_newer_version_of_the_projects_own()
    {
        var builder = new DevBuilder(DevProject.Resolve(WriteProject("A")), Path.Combine(_root, "feed"), []);

        var first = NuGetVersion.Parse(builder.NextVersion(NuGetVersion.Parse("1.2.0")));
        var second = NuGetVersion.Parse(builder.NextVersion(NuGetVersion.Parse("1.2.0")));
        var beta = builder.NextVersion(NuGetVersion.Parse("2.0.0-beta.1"));

        Assert.Equal("1.2.0", first.Version.ToString(3));
        Assert.StartsWith("dev.", first.Release, StringComparison.Ordinal);
        Assert.True(second > first);
        Assert.StartsWith("2.0.0-beta.1.dev.", beta, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_is_a_csproj_or_a_folder_with_exactly_one()
    {
        var file = WriteProject("One");
        Assert.Equal(file, DevProject.Resolve(file).ProjectFile);
        Assert.Equal(file, DevProject.Resolve(Path.GetDirectoryName(file)!).ProjectFile);

        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        Assert.Contains("holds no .csproj", Assert.Throws<ArgumentException>(() => DevProject.Resolve(empty)).Message);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(file)!, "Two.csproj"), "<Project />");
        Assert.Contains("several projects", Assert.Throws<ArgumentException>(() => DevProject.Resolve(Path.GetDirectoryName(file)!)).Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => DevProject.Resolve(Path.Combine(_root, "missing"))).Message);
    }

    [Fact]
    public async Task A_saved_source_counts_as_a_change_build_output_and_editor_scratch_files_do_not()
    {
        var project = Path.GetDirectoryName(WriteProject("W"))!;
        var data = Directory.CreateDirectory(Path.Combine(project, "data")).FullName;
        using var watcher = new ProjectWatcher(project, [data]);
        Directory.CreateDirectory(Path.Combine(project, "obj"));
        Directory.CreateDirectory(Path.Combine(project, "bin", "Debug"));
        File.WriteAllText(Path.Combine(project, "obj", "project.assets.json"), "{}");
        File.WriteAllText(Path.Combine(project, "bin", "Debug", "W.dll"), "x");
        File.WriteAllText(Path.Combine(data, "host.db"), "x");
        File.WriteAllText(Path.Combine(project, ".Plugin.cs.swp"), "x");
        File.WriteAllText(Path.Combine(project, "Plugin.cs~"), "x");
        File.WriteAllText(Path.Combine(project, "Plugin.cs"), "class P {}");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (files, _) = await watcher.WaitAsync(timeout.Token);

        Assert.Equal([Path.Combine(project, "Plugin.cs")], files.Distinct());
        Assert.False(watcher.IsProjectFile(files.First()));
        Assert.True(watcher.IsProjectFile(Path.Combine(project, "W.csproj")));
    }

    private string WriteProject(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var file = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(file, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}

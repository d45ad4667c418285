using System.Text.RegularExpressions;

namespace Plugin.Host.Dev;

/// <summary>
/// One error or warning of a build (the compiler's, the Plugin.Sdk generator's MPP diagnostics, NuGet's, MSBuild's), read
/// from MSBuild's console line <c>/path/File.cs(12,5): error CS1002: ; expected [/path/Plugin.csproj]</c> and shown as
/// <c>File.cs:12:5: error CS1002: ; expected</c> (relative to the project folder: terminals and editors open that form).
/// </summary>
internal sealed partial record BuildDiagnostic(string? File, int? Line, int? Column, bool IsError, string Code, string Message)
{
    public static BuildDiagnostic? Parse(string line, string projectDirectory)
    {
        var match = MsBuildLine().Match(line.Trim());
        if (!match.Success)
            return null;
        var origin = match.Groups["origin"].Value.Trim();
        string? file = null;
        int? lineNumber = null, column = null;
        if (match.Groups["position"].Success)
        {
            file = Relative(origin, projectDirectory);
            var position = match.Groups["position"].Value.Split(',');
            lineNumber = int.Parse(position[0], System.Globalization.CultureInfo.InvariantCulture);
            if (position.Length > 1)
                column = int.Parse(position[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (origin.Contains(Path.DirectorySeparatorChar) || origin.Contains('/'))
        {
            file = Relative(origin, projectDirectory); // e.g. NuGet's errors name the project file
        }
        return new BuildDiagnostic(file, lineNumber, column, match.Groups["severity"].Value == "error",
            match.Groups["code"].Value, match.Groups["message"].Value.Trim());
    }

    /// <summary>All diagnostics of a build's output, each once (MSBuild repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> ParseAll(IEnumerable<string> lines, string projectDirectory) =>
        lines.Select(l => Parse(l, projectDirectory)).OfType<BuildDiagnostic>().Distinct().ToList();

    public override string ToString()
    {
        var where = File is null ? "" : Line is null ? File + ": " : Column is null ? $"{File}:{Line}: " : $"{File}:{Line}:{Column}: ";
        var code = Code.Length == 0 ? "" : " " + Code;
        return $"{where}{(IsError ? "error" : "warning")}{code}: {Message}";
    }

    private static string Relative(string path, string projectDirectory)
    {
        if (!Path.IsPathRooted(path))
            return path;
        var relative = Path.GetRelativePath(projectDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    // origin(position): severity code: message [project]; origin may be a tool name ("CSC", "MSBUILD") without a position.
    [GeneratedRegex(@"^(?<origin>.+?)(\((?<position>\d+(,\d+){0,3})\))?\s*:\s*(?<severity>error|warning)\s*(?<code>[A-Za-z]+\d+)?\s*:\s*(?<message>.*?)(\s+\[[^\]]+\])?$")]
    private static partial Regex MsBuildLine();
}

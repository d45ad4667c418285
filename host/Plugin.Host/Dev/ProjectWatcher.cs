using System.Threading.Channels;

namespace Plugin.Host.Dev;

/// <summary>
/// Watches the plugin project's folder for saved sources. Build output (bin/, obj/), hidden folders (.git, .vs) and
/// editors' scratch files do not count, or every build would start the next one. A save is often several events
/// (write, rename, attributes): <see cref="WaitAsync"/> returns once the folder has been quiet for <see cref="Quiet"/>.
/// </summary>
internal sealed class ProjectWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private static readonly string[] ProjectFileExtensions = [".csproj", ".props", ".targets", ".config"];
    private static readonly string[] ScratchEndings = ["~", ".swp", ".swx", ".tmp", ".bak"];

    private readonly string _root;
    private readonly string[] _ignoredFolders;
    private readonly FileSystemWatcher _watcher;
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>();

    /// <param name="ignoredFolders">Folders inside the project whose changes are not sources (e.g. a data folder).</param>
    public ProjectWatcher(string root, IEnumerable<string> ignoredFolders)
    {
        _root = Path.GetFullPath(root);
        _ignoredFolders = ignoredFolders.Select(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToArray();
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => Changed(e.FullPath);
        _watcher.Created += (_, e) => Changed(e.FullPath);
        _watcher.Deleted += (_, e) => Changed(e.FullPath);
        _watcher.Renamed += (_, e) => { Changed(e.OldFullPath); Changed(e.FullPath); };
        // Too many events at once (the watcher's buffer overflowed): something changed, build to be sure.
        _watcher.Error += (_, _) => _changes.Writer.TryWrite(_root);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The files changed since the last call (at least one), once no change came for <see cref="Quiet"/>, and
    /// when the first of them was seen (the author's save: swaps are timed from it).</summary>
    public async Task<(IReadOnlyCollection<string> Files, DateTimeOffset First)> WaitAsync(CancellationToken cancellationToken)
    {
        var files = new HashSet<string>(StringComparer.Ordinal) { await _changes.Reader.ReadAsync(cancellationToken) };
        var first = DateTimeOffset.UtcNow;
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(Quiet);
            try { files.Add(await _changes.Reader.ReadAsync(quiet.Token)); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return (files, first); }
        }
    }

    /// <summary>A change of the project file, a props/targets file or nuget.config (or an overflow, which may have been
    /// one): the next build restores first.</summary>
    public bool IsProjectFile(string path) =>
        string.Equals(path, _root, StringComparison.Ordinal) || ProjectFileExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private void Changed(string path)
    {
        if (Counts(path))
            _changes.Writer.TryWrite(path);
    }

    private bool Counts(string path)
    {
        if (_ignoredFolders.Any(f => path.StartsWith(f, StringComparison.Ordinal)))
            return false;
        var relative = Path.GetRelativePath(_root, path);
        var segments = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (segments.Length > 1 && segments[..^1].Any(s => s.StartsWith('.') || s is "bin" or "obj" or "node_modules"))
            return false;
        var name = segments[^1];
        if (name is "bin" or "obj" || name.StartsWith('.') || name.StartsWith('#') || name == "4913") // vim's write test file
            return false;
        return !ScratchEndings.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _watcher.Dispose();
}

namespace Plugin.Host.Installation;

/// <summary>The steps of an install or update as a user follows them, in the order they run.</summary>
public enum InstallStage
{
    /// <summary>The version to install and its dependency graph (<see cref="InstallPlanner"/>).</summary>
    Resolve,
    /// <summary>One package from its feed into staging (<see cref="PackageDownloader"/>).</summary>
    Download,
    /// <summary>The package's SHA512 against the feed's, and the archive itself.</summary>
    Verify,
    /// <summary>lib/ and runtimes/ assets into the staging folder (<see cref="PackageExtractor"/>).</summary>
    Extract,
    /// <summary>Checks on the extracted files: SDK reference, plugin-id ownership, signature and capabilities.</summary>
    Check,
    /// <summary>Into place: the new version folder and the atomic switch of <c>current</c>.</summary>
    Commit,
    /// <summary>The previous version unloaded, the new one loaded and started (<c>PluginManager</c>).</summary>
    Load,
}

/// <summary>Where a step is: every step reports <see cref="Started"/>, then <see cref="Done"/> or <see cref="Failed"/>.</summary>
public enum InstallStepState
{
    Started,
    Done,
    Failed,
}

/// <summary>One step of an install as it happens. Per-package steps (download, verify) name the package and its place
/// in the plan (<see cref="Index"/> of <see cref="Count"/>, from 1); a finished download carries its size.</summary>
public sealed record InstallStep(InstallStage Stage, InstallStepState State, string Message)
{
    public string? Package { get; init; }
    public int? Index { get; init; }
    public int? Count { get; init; }
    public long? Bytes { get; init; }
}

/// <summary>
/// The one way the installer, its steps and the plugin manager report progress: each step as it starts and ends, in
/// order, synchronously to the sink (so a stream of them keeps their order; <see cref="Progress{T}"/> would post them to
/// the thread pool). Remembers the step in progress, so a failure anywhere is reported once, against the step it broke.
/// </summary>
public sealed class InstallProgress(Action<InstallStep>? sink)
{
    /// <summary>Reports nowhere (installs nobody watches: MoviePilot's install call, start-up, tests).</summary>
    public static InstallProgress None { get; } = new(null);

    private InstallStep? _current;
    private bool _failed;

    /// <summary>The step last started (running, or finished when the failure came between two steps).</summary>
    public InstallStage? Current => _current?.Stage;

    public void Started(InstallStep step)
    {
        _current = step with { State = InstallStepState.Started };
        sink?.Invoke(_current);
    }

    public void Started(InstallStage stage, string message) => Started(new InstallStep(stage, InstallStepState.Started, message));

    /// <summary>The step <see cref="Started"/> last ended well; <paramref name="message"/> says with what.</summary>
    public void Done(string message, long? bytes = null)
    {
        if (_current is { } step)
            sink?.Invoke(step with { State = InstallStepState.Done, Message = message, Bytes = bytes ?? step.Bytes });
    }

    /// <summary>Reports the failure against the current step, the first time only (the exception travels up through
    /// several callers). Returns false, so it can sit in an exception filter and let the exception go on.</summary>
    public bool Failed(Exception error)
    {
        if (_failed || error is OperationCanceledException)
            return false;
        _failed = true;
        var step = _current ?? new InstallStep(InstallStage.Resolve, InstallStepState.Started, "");
        sink?.Invoke(step with { State = InstallStepState.Failed, Message = error.Message });
        return false;
    }

    /// <summary>A step that ended badly without an exception (a plugin that installed but did not start).</summary>
    public void Failed(string message)
    {
        if (_failed || _current is not { } step)
            return;
        _failed = true;
        sink?.Invoke(step with { State = InstallStepState.Failed, Message = message });
    }
}

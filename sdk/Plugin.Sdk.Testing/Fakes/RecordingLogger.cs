using Microsoft.Extensions.Logging;

namespace Plugin.Sdk.Testing;

/// <summary>Keeps every log entry so a test can assert on what the plugin logged (all levels are enabled).</summary>
public sealed class RecordingLogger(string category) : ILogger
{
    private readonly List<LogEntry> _entries = [];
    private readonly object _gate = new();

    /// <summary>Every entry logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate) return _entries.ToList();
        }
    }

    /// <summary>Scopes are not recorded; returns null.</summary>
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <summary>True for every level except <see cref="LogLevel.None"/>.</summary>
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    /// <summary>Records the entry.</summary>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var entry = new LogEntry(logLevel, formatter(state, exception), exception, eventId, category);
        lock (_gate) _entries.Add(entry);
    }

    /// <summary>Forgets the entries logged so far.</summary>
    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}

using Microsoft.Extensions.Logging;

namespace Plugin.Sdk.Testing;

/// <summary>Keeps every log entry so a test can assert on what the plugin logged (all levels are enabled).</summary>
public sealed class RecordingLogger(string category) : ILogger
{
    private readonly List<LogEntry> _entries = [];
    private readonly object _gate = new();

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate) return _entries.ToList();
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var entry = new LogEntry(logLevel, formatter(state, exception), exception, eventId, category);
        lock (_gate) _entries.Add(entry);
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}

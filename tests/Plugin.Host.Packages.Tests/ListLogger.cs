using Microsoft.Extensions.Logging;

namespace Plugin.Host.Packages.Tests;

/// <summary>Keeps log lines so a failing assertion can show what the component said.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
            Lines.Add($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
    }

    public override string ToString()
    {
        lock (Lines)
            return string.Join("\n", Lines);
    }
}

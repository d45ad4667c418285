using Microsoft.Extensions.Logging;

namespace Plugin.Sdk.Testing;

/// <summary>One log call of the plugin.</summary>
public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, EventId EventId, string Category)
{
    /// <summary>The level and message, and the exception's type and message when there is one.</summary>
    public override string ToString() => $"{Level}: {Message}" + (Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})");
}

using Microsoft.Extensions.Logging;
using NuGet.Common;
using ILogger = Microsoft.Extensions.Logging.ILogger;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Plugin.Host.Packages;

/// <summary>Routes NuGet's own log lines into the host's logging so feed problems show up with the rest.</summary>
internal sealed class NuGetLoggerAdapter(ILogger logger) : LoggerBase
{
    public override void Log(ILogMessage message)
    {
        var level = message.Level switch
        {
            NuGet.Common.LogLevel.Error => LogLevel.Error,
            NuGet.Common.LogLevel.Warning => LogLevel.Warning,
            NuGet.Common.LogLevel.Information or NuGet.Common.LogLevel.Minimal => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        logger.Log(level, "NuGet: {Message}", message.Message);
    }

    public override Task LogAsync(ILogMessage message)
    {
        Log(message);
        return Task.CompletedTask;
    }
}

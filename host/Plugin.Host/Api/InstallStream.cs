using System.Net.ServerSentEvents;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NuGet.Versioning;
using Plugin.Host.Api.Contracts;
using Plugin.Host.Installation;
using Plugin.Host.Market;
using Plugin.Host.Runtime;
using Plugin.Host.Security;
using Plugin.Shared.Api;

namespace Plugin.Host.Api.Contracts
{
    /// <summary>One step of a streamed install (<c>event: step</c>): <c>step</c> is resolve, download, verify, extract,
    /// check, commit or load; <c>state</c> started, done or failed (with the error as <c>message</c>).</summary>
    public sealed record InstallStepEvent(string Step, string State, string Message, string? Package, int? Index, int? Count, long? Bytes);
}

namespace Plugin.Host.Api
{
    /// <summary>
    /// <c>GET /api/v1/plugin/install/{id}/stream</c>: the install of <c>/plugin/install/{id}</c> (same checks, same
    /// installer, same answer) with its steps sent as they happen, as server-sent events — first <c>accepted</c> (sent at once), <c>step</c> for each
    /// <see cref="InstallStep"/>, then one <c>result</c> whose data is the body the plain install call answers (its
    /// envelope; for a refused install the envelope of <see cref="ErrorFilter"/> plus the HTTP <c>status</c> it maps to).
    /// What is wrong with the request itself (bad id or version, a level above Host:MarketLevel) is refused with 4xx
    /// before the stream starts. The plain install call stays as it is for MoviePilot's clients.
    /// </summary>
    public static class InstallStream
    {
        public static async Task<ServerSentEventsResult<object>> RunAsync(string id, string? version, PluginManager manager, IPluginMarket market,
            IOptions<HostSettings> settings, ILogger<ErrorFilter> logger, CancellationToken ct)
        {
            version = string.IsNullOrWhiteSpace(version) ? null : version;
            NuGetPluginInstaller.ValidateId(id);
            if (version is not null && !NuGetVersion.TryParse(version, out _))
                throw new PluginInstallException(id, PluginErrorKind.Invalid, $"'{version}' is not a valid version for plugin {id}");
            await ManagementEndpoints.CheckMarketLevelAsync(id, market, settings.Value, ct);

            // Unbounded and written synchronously by InstallProgress: the events keep the order the steps happened in.
            var events = Channel.CreateUnbounded<SseItem<object>>(new UnboundedChannelOptions { SingleReader = true });
            // First event at once, before the install may wait for another lifecycle change of the host: the response
            // headers go out now, so a client can tell "accepted, waiting" from "the request never arrived".
            events.Writer.TryWrite(new SseItem<object>(new InstallAccepted(id, version), "accepted"));
            logger.LogInformation("Install of {PluginId} {Version} requested (streamed)", id, version ?? "(newest)");
            var progress = new InstallProgress(step => events.Writer.TryWrite(new SseItem<object>(Wire(step), "step")));
            _ = Task.Run(async () =>
            {
                try
                {
                    var entries = await manager.InstallAsync(id, version, progress, ct);
                    events.Writer.TryWrite(new SseItem<object>(ManagementEndpoints.Result(entries, "installed").Value!, "result"));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var error = ErrorFilter.AsPluginError(e);
                    if (error is null)
                        logger.LogError(e, "Install of {PluginId} failed", id);
                    else
                        logger.LogWarning("Install of {PluginId} refused ({Kind}): {Message}", id, error.Kind, error.Message);
                    events.Writer.TryWrite(new SseItem<object>(new InstallFailure(false, error?.Message ?? e.Message,
                        error is PluginInstallException install ? new PluginStatusData(install.Status.ToString()) : null,
                        error is null ? StatusCodes.Status500InternalServerError : ErrorFilter.StatusCode(error.Kind)), "result"));
                }
                finally
                {
                    events.Writer.TryComplete();
                }
            }, CancellationToken.None);
            return TypedResults.ServerSentEvents(events.Reader.ReadAllAsync(ct));
        }

        private static InstallStepEvent Wire(InstallStep step) => new(step.Stage.ToString().ToLowerInvariant(),
            step.State.ToString().ToLowerInvariant(), step.Message, step.Package, step.Index, step.Count, step.Bytes);

        /// <summary>The first event of every stream: the install was accepted and is queued or running.</summary>
        private sealed record InstallAccepted(string Id, string? Version);

        /// <summary>The refused install's envelope, with the status the plain install call answers it with.</summary>
        private sealed record InstallFailure(bool Success, string? Message, PluginStatusData? Data, int Status);
    }
}

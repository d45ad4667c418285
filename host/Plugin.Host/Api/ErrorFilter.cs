using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Sdk;

namespace Plugin.Host.Api;

/// <summary>
/// Turns the host's exceptions into answers with a clear message: refused operations keep their status (404 unknown
/// plugin, 400 malformed request), plugin failures are 500 (504 on a time-out) naming the plugin, and refused installs
/// carry the installer's reason.
/// </summary>
public sealed class ErrorFilter(ILogger<ErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (PluginOperationException e)
        {
            return Envelope.Fail(e.Message, e.StatusCode);
        }
        catch (ArgumentBindingException e)
        {
            return Envelope.Fail(e.Message, StatusCodes.Status400BadRequest);
        }
        catch (PluginCallException e)
        {
            return Envelope.Fail(e.Message, e.TimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status500InternalServerError);
        }
        catch (PluginInstallException e)
        {
            logger.LogWarning("Install of {PluginId} refused ({Status}): {Message}", e.PluginId, e.Status, e.Message);
            return Results.Json(new { success = false, message = e.Message, data = new { status = e.Status.ToString() } },
                statusCode: e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase) ? 404 : 400);
        }
        catch (BadHttpRequestException e)
        {
            return Envelope.Fail(e.Message, StatusCodes.Status400BadRequest);
        }
    }
}

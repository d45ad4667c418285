using Plugin.Host.Api.Contracts;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Sdk;
using Plugin.Shared.Api;

namespace Plugin.Host.Api;

/// <summary>
/// The one place where failures become HTTP: every <see cref="PluginErrorKind"/> has its status here, and the answer is
/// MoviePilot's envelope with the error's message. Applied to the host's routes and to the engines' route groups; the
/// plugin API dispatcher, which writes its own responses, answers through <see cref="Answer"/> too.
/// </summary>
public sealed class ErrorFilter(ILogger<ErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (PluginInstallException e)
        {
            logger.LogWarning("Install of {PluginId} refused ({Kind}, leaves {Status}): {Message}", e.PluginId, e.Kind, e.Status, e.Message);
            return Answer(e);
        }
        catch (Exception e) when (AsPluginError(e) is { } error)
        {
            return Answer(error);
        }
    }

    /// <summary>The HTTP status of each kind of failure.</summary>
    public static int StatusCode(PluginErrorKind kind) => kind switch
    {
        PluginErrorKind.NotFound => StatusCodes.Status404NotFound,
        // Installed but not running: the plugin exists, its state is what refuses the call.
        PluginErrorKind.NotLoaded => StatusCodes.Status409Conflict,
        PluginErrorKind.Invalid => StatusCodes.Status400BadRequest,
        PluginErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        PluginErrorKind.Conflict => StatusCodes.Status409Conflict,
        PluginErrorKind.PluginFailed => StatusCodes.Status500InternalServerError,
        PluginErrorKind.TimedOut => StatusCodes.Status504GatewayTimeout,
        PluginErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        // The request is well-formed, the package just cannot run here.
        PluginErrorKind.Incompatible => StatusCodes.Status422UnprocessableEntity,
        // The feed handed over a damaged package: the fault is upstream of the host.
        PluginErrorKind.Corrupt => StatusCodes.Status502BadGateway,
        PluginErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Every PluginErrorKind needs an HTTP status here."),
    };

    /// <summary>The envelope for <paramref name="error"/>; a refused install also says which status it leaves the plugin in.</summary>
    public static IResult Answer(PluginError error) => error is PluginInstallException install
        ? ApiEnvelope.Fail(error.Message, StatusCode(error.Kind), new PluginStatusData(install.Status.ToString()))
        : ApiEnvelope.Fail(error.Message, StatusCode(error.Kind));

    /// <summary>The framework's and the SDK's request errors are the caller's mistakes, like <see cref="PluginErrorKind.Invalid"/>.</summary>
    public static PluginError? AsPluginError(Exception e) => e switch
    {
        PluginError error => error,
        // Kestrel's own refusal of a body past the limit RequestLimits set (a chunked body has no length to check first).
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new PluginError(PluginErrorKind.TooLarge,
            $"The request body is larger than this host accepts ({e.Message}); see Host:Limits:MaxRequestBodyBytes.", e),
        ArgumentBindingException or BadHttpRequestException => new PluginError(PluginErrorKind.Invalid, e.Message, e),
        _ => null,
    };
}

/// <summary>The refusals routes behind <see cref="ErrorFilter"/> and the host's auth answer with, declared for the OpenAPI
/// document: the envelope without data for the kinds callers meet most, and the <c>{detail}</c> body of a 401.</summary>
public static class ErrorResponses
{
    private static readonly int[] EnvelopeStatuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
        StatusCodes.Status413PayloadTooLarge,
    ];

    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, bool authenticated = true) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in EnvelopeStatuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiEnvelope<object>), ["application/json"]));
        if (authenticated)
            builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiDetail), ["application/json"]));
        return builder;
    }
}

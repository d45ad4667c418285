using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Plugin.Host.Api;
using Plugin.Host.Runtime;
using Plugin.Host.Security;

namespace Plugin.Host.Web;

/// <summary>
/// <c>Host:Limits:MaxRequestBodyBytes</c> for every request (management, engines, plugin APIs, login): a body whose
/// declared length is larger is refused at once with 413 and the envelope, before an endpoint reads it; for a body
/// without a length (chunked) the server's own limit is lowered to the same figure, and reading past it fails with 413
/// through <see cref="ErrorFilter"/>.
/// </summary>
public static class RequestLimits
{
    public static void UseRequestLimits(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<IOptions<HostSettings>>().Value.Limits.MaxRequestBodyBytes;
        if (limit <= 0)
            return;
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength > limit)
                return ErrorFilter.Answer(new PluginError(PluginErrorKind.TooLarge,
                    $"The request body is {context.Request.ContentLength} bytes; this host accepts at most {limit} (Host:Limits:MaxRequestBodyBytes)."))
                    .ExecuteAsync(context);
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;
            return next(context);
        });
    }
}

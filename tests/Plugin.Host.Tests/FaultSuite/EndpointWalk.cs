using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Plugin.Host.Tests.FaultSuite;

/// <summary>One route of the running host, read from its endpoint table (so a new endpoint is attacked without
/// anyone adding it here).</summary>
public sealed record HostRoute(string Method, RoutePattern Pattern, bool Anonymous)
{
    public IEnumerable<string> Parameters => Pattern.Parameters.Select(p => p.Name);

    /// <summary>The path with each parameter replaced by <paramref name="value"/>(name) (already URL-encoded).</summary>
    public string Fill(Func<string, string> value) => "/" + string.Join("/", Pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => value(parameter.Name),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    public override string ToString() => $"{Method} {Pattern.RawText}";
}

public static class EndpointWalk
{
    /// <summary>Every API route (under /api/) with each of its methods.</summary>
    public static IReadOnlyList<HostRoute> ApiRoutes(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new HostRoute(method, e.RoutePattern, e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .DistinctBy(r => r.ToString())
            .OrderBy(r => r.ToString(), StringComparer.Ordinal)
            .ToList();

    /// <summary>An ordinary value per parameter name: an installed plugin for plugin ids, its API for catch-alls.</summary>
    public static string Ordinary(string parameter) => parameter switch
    {
        "id" or "pluginId" => "Echo",
        "path" => "hello",
        "serviceId" => "tick",
        _ => "x",
    };
}

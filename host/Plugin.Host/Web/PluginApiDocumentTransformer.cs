using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Plugin.Host.Runtime;
using Plugin.Sdk;

namespace Plugin.Host.Web;

/// <summary>
/// Adds every loaded plugin's APIs to the OpenAPI document (they are served by one catch-all endpoint, so the
/// framework cannot see them): path, verbs, summary, query parameters and the auth each needs.
/// </summary>
public sealed class PluginApiDocumentTransformer(PluginCatalog catalog) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= new OpenApiPaths();
        foreach (var entry in catalog.All)
        {
            if (entry.Descriptor is not { } descriptor)
                continue;
            foreach (var api in descriptor.Apis)
            {
                var path = $"/api/v1/plugin/{entry.Id}/{api.Path.TrimStart('/')}";
                if (!document.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
                {
                    pathItem = new OpenApiPathItem();
                    document.Paths[path] = pathItem;
                }
                foreach (var (verb, method) in new[] { (HttpVerb.Get, HttpMethod.Get), (HttpVerb.Post, HttpMethod.Post), (HttpVerb.Put, HttpMethod.Put), (HttpVerb.Delete, HttpMethod.Delete) })
                {
                    if ((api.Verbs & verb) == 0)
                        continue;
                    var operation = new OpenApiOperation
                    {
                        Summary = api.Summary ?? api.Path,
                        Description = (api.Description is null ? "" : api.Description + "\n\n") + $"Plugin {entry.Id} ({descriptor.Name}); auth: {api.Auth}.",
                        Tags = new HashSet<OpenApiTagReference> { new("plugin: " + entry.Id, document) },
                        Parameters = [],
                        Responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = "The plugin's answer (JSON)" } },
                    };
                    foreach (var parameter in api.Parameters.Where(p => !p.FromBody))
                        operation.Parameters.Add(new OpenApiParameter
                        {
                            Name = parameter.Name,
                            In = ParameterLocation.Query,
                            Required = parameter.Required,
                            Schema = new OpenApiSchema { Type = SchemaType(parameter.Type) },
                        });
                    // The credentials it takes, as the host's own operations declare them.
                    OpenApiSecurity.Apply(operation, api.Auth, document);
                    pathItem.AddOperation(method, operation);
                }
            }
        }
        return Task.CompletedTask;
    }

    private static JsonSchemaType SchemaType(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" or "byte" or "System.Int32" or "System.Int64" => JsonSchemaType.Integer,
        "double" or "float" or "decimal" => JsonSchemaType.Number,
        "bool" or "System.Boolean" => JsonSchemaType.Boolean,
        _ => JsonSchemaType.String,
    };
}

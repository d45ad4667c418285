using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Web;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// The OpenAPI document of a running host: who may read it, the credentials and bodies it declares, a schema for every
/// answer of the host's own routes, and the web UI's wire types checked against it (issue 16 point 2, issue 13 point 11).
/// </summary>
[Trait("Category", "FaultSuite")]
[Collection(HostCollection.Name)]
public sealed class OpenApiContractTests(HostFixture host)
{
    private const string Document = "/openapi/v1.json";

    private async Task<JsonNode> DocumentAsync() => (await host.SendAsync(HttpMethod.Get, Document, Auth.Bearer))!;

    [Fact]
    public async Task The_document_is_served_to_callers_with_credentials_only()
    {
        var (status, body) = await host.CallAsync(HttpMethod.Get, Document, Auth.None);
        Assert.Equal(401, status);
        Assert.Equal("Not authenticated", body!["detail"]!.GetValue<string>());
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, Document, Auth.Bearer)).Status);
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, Document, Auth.ApiKey)).Status);
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, Document, Auth.Header)).Status);
        // The docs page itself is public; it sends the web UI's token when it fetches the document.
        using var docs = await host.Http.GetAsync("/docs");
        Assert.Equal(200, (int)docs.StatusCode);
        using var script = await host.Http.GetAsync(DocsPage.ScriptPath);
        Assert.Contains("localStorage.getItem('token')", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Host_OpenApi_Anonymous_serves_the_document_to_everyone()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-openapi").FullName;
        var app = HostApplication.Build(["--urls", "http://127.0.0.1:0", $"--Host:DataDir={root}", $"--Host:Feeds:0={root}",
            $"--Host:Admin:Password={Password}", "--Host:OpenApi:Anonymous=true", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            using var response = await http.GetAsync(Document);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_document_declares_the_credentials_of_each_operation()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("http", schemes["Bearer"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", schemes["Bearer"]!["bearerFormat"]!.GetValue<string>());
        Assert.Equal(("apiKey", "query", "apikey"), Scheme(schemes["ApiKeyQuery"]!));
        Assert.Equal(("apiKey", "header", "X-API-KEY"), Scheme(schemes["ApiKeyHeader"]!));

        var paths = document["paths"]!;
        string[] userSchemes = ["ApiKeyHeader", "ApiKeyQuery", "Bearer"];
        Assert.Equal(userSchemes, Security(paths["/api/v1/plugin/{id}"]!["put"]!));
        Assert.Equal(userSchemes, Security(paths["/api/v1/music/plugins"]!["get"]!));
        Assert.Equal(userSchemes, Security(paths["/api/v1/site/indexers"]!["get"]!));
        Assert.Empty(Security(paths["/api/v1/login/access-token"]!["post"]!));
        Assert.Empty(Security(paths["/api/v1/health"]!["get"]!));
        Assert.Empty(Security(paths["/api/v1/plugin/icon/{id}"]!["get"]!));
        // Plugin APIs by their declared auth: api key (or a token), a token only, anyone.
        Assert.Equal(userSchemes, Security(paths["/api/v1/plugin/Echo/hello"]!["get"]!));
        Assert.Equal(["Bearer"], Security(paths["/api/v1/plugin/Echo/secure"]!["get"]!));
        Assert.Empty(Security(paths["/api/v1/plugin/Echo/anon"]!["get"]!));
    }

    [Fact]
    public async Task The_document_describes_every_request_body_and_answer_of_the_host()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject();
        foreach (var (path, method) in new[]
        {
            ("/api/v1/plugin/{id}", "put"), ("/api/v1/plugin/{id}", "patch"), ("/api/v1/plugin/events/{type}", "post"),
            ("/api/v1/plugin/chain/{type}", "post"), ("/api/v1/plugin/module/{method}", "post"), ("/api/v1/message", "post"),
            ("/api/v1/workflow/plugin/actions/{pluginId}/{actionId}", "post"), ("/api/v1/music/plugins", "post"),
            ("/api/v1/music/plugins/{platform}/variables", "put"), ("/api/v1/music/plugins/{platform}/enabled", "put"),
            ("/api/v1/plugin/enabled/{id}", "put"),
        })
            Assert.True(paths[path]?[method]?["requestBody"]?["content"]?["application/json"]?["schema"] is not null, $"{method} {path} has no request body");
        Assert.Equal("#/components/schemas/EnabledBody",
            paths["/api/v1/plugin/enabled/{id}"]!["put"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/MessageBody",
            paths["/api/v1/message"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());

        // Every JSON answer of the host's and the engines' routes has a schema; files, modules, a redirect and an event
        // stream are not JSON.
        string[] notJson = ["/api/v1/plugin/icon/{id}", "/api/v1/plugin/install/{id}/stream", "/api/v1/plugin/remotes/{id}", "/plugin_icon/{id}/{file}", "/api/v1/system/img/{proxy}",
            "/api/v1/system/message"];
        var missing = new List<string>();
        foreach (var (path, item) in paths)
        {
            if (notJson.Contains(path)) continue;
            foreach (var (method, operation) in item!.AsObject())
                // A plugin's own API answers what the plugin returns (tagged "plugin: Id"); the host cannot know its shape.
                if (operation!["tags"]?[0]?.GetValue<string>().StartsWith("plugin: ", StringComparison.Ordinal) != true
                    && operation["responses"]?["200"]?["content"]?["application/json"]?["schema"] is null)
                    missing.Add($"{method} {path}");
        }
        Assert.True(missing.Count == 0, "No 200 schema: " + string.Join(", ", missing));

        // The envelope's three fields, always written; the service list's skipped among its fields.
        var schemas = document["components"]!["schemas"]!;
        var envelope = schemas["ApiEnvelopeOfPluginStatusData"]!;
        Assert.Equal(["success", "message", "data"], envelope["required"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.NotNull(schemas["PluginServiceItem"]!["properties"]!["skipped"]);
        // A refusal is described too: the envelope for the error kinds, {detail} for a 401.
        var responses = paths["/api/v1/plugin/{id}"]!["put"]!["responses"]!.AsObject();
        Assert.Contains("400", responses.Select(r => r.Key));
        Assert.Equal("#/components/schemas/ApiDetail", responses["401"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        // The music engine writes camelCase with nulls left out: the document says so.
        var musicEntry = schemas["MusicSearchEntry"]!;
        Assert.NotNull(musicEntry["properties"]!["isEnd"]);
        Assert.DoesNotContain("isEnd", musicEntry["required"]!.AsArray().Select(x => x!.GetValue<string>()));
    }

    [Fact]
    public async Task The_web_UI_types_match_the_document()
    {
        var interfaces = WebApiTypes.Read(WebApiTypes.ApiFolder());
        // The check covers the wire types the UI reads; it must not pass by finding none.
        Assert.True(interfaces.Count >= 8, "Tagged interfaces found: " + string.Join(", ", interfaces.Select(i => i.Name)));
        var problems = WebApiTypes.Compare(interfaces, await DocumentAsync());
        Assert.True(problems.Count == 0, "web/src/api differs from the host's OpenAPI document (/openapi/v1.json):\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task A_web_type_that_drifted_is_reported_by_name()
    {
        const string drifted = """
            /** A service. @schema PluginServiceItem */
            export interface PluginService {
              id: string
              plugin_id: string
              plugin_name?: string
              name: string
              trigger?: string
              next_run: string
              last_run?: string | null
              last_result?: string | null
              running?: boolean
              runs?: number
              problem?: string | null
              kind?: string
              time_zone?: string
              paused?: boolean
            }
            """;
        var problems = WebApiTypes.Compare(WebApiTypes.Parse("drifted.ts", drifted), await DocumentAsync());
        Assert.Equal(
        [
            "drifted.ts: interface PluginService (@schema PluginServiceItem): 'next_run' may be null in the schema, but its type lacks '| null'",
            "drifted.ts: interface PluginService (@schema PluginServiceItem): lacks 'skipped' (integer | string, always sent)",
            "drifted.ts: interface PluginService (@schema PluginServiceItem): declares 'paused', which the schema does not have",
        ], problems);
    }

    private static (string, string, string) Scheme(JsonNode scheme) =>
        (scheme["type"]!.GetValue<string>(), scheme["in"]!.GetValue<string>(), scheme["name"]!.GetValue<string>());

    private static string[] Security(JsonNode operation) =>
        [.. (operation["security"]?.AsArray() ?? []).SelectMany(r => r!.AsObject().Select(kv => kv.Key)).Order(StringComparer.Ordinal)];
}

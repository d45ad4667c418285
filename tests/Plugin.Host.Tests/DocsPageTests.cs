using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plugin.Host.Web;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary><c>/docs</c>: Swagger UI from the host's own files (no CDN), over the host's OpenAPI document.</summary>
[Collection(HostCollection.Name)]
public sealed partial class DocsPageTests(HostFixture host)
{
    [GeneratedRegex("""(?:src|href)\s*=\s*["']([^"']+)["']""")]
    private static partial Regex Reference();

    [GeneratedRegex("""var configObject = (\{.*?\});""", RegexOptions.Singleline)]
    private static partial Regex ConfigObject();

    /// <summary>Comments may name where code came from; code must not load from anywhere else.</summary>
    private static string WithoutComments(string js) => Regex.Replace(Regex.Replace(js, @"/\*.*?\*/", "", RegexOptions.Singleline), "//.*$", "", RegexOptions.Multiline);

    private async Task<(int Status, string? Type, string Body)> GetAsync(string path)
    {
        using var response = await host.Http.GetAsync(path);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Docs_and_its_assets_are_served_by_the_host_with_no_external_url()
    {
        // /docs (the path the README and older links name) lands on the page, anonymously.
        using var docs = await host.Http.GetAsync("/docs");
        Assert.Equal(200, (int)docs.StatusCode);
        Assert.EndsWith("/docs/index.html", docs.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await docs.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html);

        // Every script and style the page names is a path on this host, and the host serves it.
        var references = Reference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(references, r => r.EndsWith("swagger-ui-bundle.js", StringComparison.Ordinal));
        Assert.Contains(references, r => r.EndsWith("index.js", StringComparison.Ordinal));
        Assert.Contains(DocsPage.ScriptPath, references);
        foreach (var reference in references)
        {
            Assert.DoesNotMatch("^(https?:)?//", reference);
            var (status, type, _) = await GetAsync(new Uri(new Uri(host.Http.BaseAddress!, "/docs/index.html"), reference).AbsolutePath);
            Assert.True(status == 200, $"{reference}: {status}");
            Assert.True(type is "text/javascript" or "application/javascript" or "text/css" or "image/png", $"{reference}: {type}");
        }
        Assert.DoesNotContain("https://cdn", html);

        // The JS entry and the host's own script load nothing from elsewhere either.
        foreach (var script in new[] { "/docs/index.js", DocsPage.ScriptPath })
        {
            var (status, _, js) = await GetAsync(script);
            Assert.Equal(200, status);
            Assert.DoesNotContain("https://cdn", js);
            var code = WithoutComments(js);
            Assert.DoesNotContain("http:", code);
            Assert.DoesNotContain("https:", code);
        }
    }

    [Fact]
    public async Task The_page_loads_the_hosts_document_with_its_security_schemes()
    {
        var (_, _, index) = await GetAsync("/docs/index.js");
        var config = JsonNode.Parse(ConfigObject().Match(index).Groups[1].Value)!;
        var url = Assert.Single(config["urls"]!.AsArray())!["url"]!.GetValue<string>();
        Assert.Equal(DocsPage.DocumentPath, url);
        Assert.Null(config["validatorUrl"]?.GetValue<string>()); // no third-party validator

        // That path is the host's document: its management routes, plugin APIs and the schemes "Authorize" offers.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/plugin/install/{id}"));
        Assert.True(paths.ContainsKey("/api/v1/plugin/Echo/hello"));
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal(new[] { OpenApiSecurity.ApiKeyHeader, OpenApiSecurity.ApiKeyQuery, OpenApiSecurity.Bearer }, schemes.Select(s => s.Key).Order());
        Assert.Equal("bearer", schemes[OpenApiSecurity.Bearer]!["scheme"]!.GetValue<string>());

        // The page's script sends the web UI's token (or ?apikey=) for the document and fills those schemes with it.
        var (_, _, script) = await GetAsync(DocsPage.ScriptPath);
        Assert.Contains($"'{DocsPage.DocumentPath}'", script);
        Assert.Contains($"preauthorizeApiKey('{OpenApiSecurity.Bearer}', token)", script);
        Assert.Contains($"preauthorizeApiKey('{OpenApiSecurity.ApiKeyQuery}', apikey)", script);
        Assert.Contains("window.hostDocs.plugin", index);
        Assert.Contains("window.hostDocs.request(request)", index);

        // The old raw-document link still leads there.
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };
        using var old = await noRedirects.GetAsync("/docs/openapi.json");
        Assert.Equal(DocsPage.DocumentPath, old.Headers.Location?.OriginalString);
    }
}

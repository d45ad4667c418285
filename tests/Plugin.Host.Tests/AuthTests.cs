using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Plugin.Host.Tests;

/// <summary>
/// The host's two authentication schemes (bearer login token; API token as <c>?apikey=</c> or <c>X-API-KEY</c>) with
/// valid, wrong and missing credentials, on a management endpoint and on a plugin API of each declared auth: status and
/// the exact body a refused caller gets.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AuthTests(HostFixture host)
{
    public enum Credentials { None, Bearer, WrongBearer, ForgedBearer, ApiKeyQuery, WrongApiKeyQuery, ApiKeyHeader, WrongApiKeyHeader }

    private const string Management = "/api/v1/plugin/?state=installed";
    private const string ApiKeyApi = "/api/v1/plugin/Echo/hello?name=ann";
    private const string BearerApi = "/api/v1/plugin/Echo/secure";
    private const string AnonymousApi = "/api/v1/plugin/Echo/anon";

    private const string NotAuthenticated = "Not authenticated";
    private const string ApiKeyRequired = "Not authenticated: apikey required.";
    private const string BearerRequired = "Not authenticated: a bearer token is required.";

    private HttpRequestMessage Request(HttpMethod method, string path, Credentials credentials)
    {
        var separator = path.Contains('?') ? "&" : "?";
        if (credentials is Credentials.ApiKeyQuery or Credentials.WrongApiKeyQuery)
            path += separator + "apikey=" + (credentials == Credentials.ApiKeyQuery ? HostFixture.ApiToken : "wrong-token");
        var request = new HttpRequestMessage(method, path);
        switch (credentials)
        {
            case Credentials.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
                break;
            case Credentials.WrongBearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
                break;
            case Credentials.ForgedBearer:
                // The real token's header and payload under another signature.
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token[..host.Token.LastIndexOf('.')] + ".AAAA");
                break;
            case Credentials.ApiKeyHeader:
                request.Headers.Add("X-API-KEY", HostFixture.ApiToken);
                break;
            case Credentials.WrongApiKeyHeader:
                request.Headers.Add("X-API-KEY", "wrong-token");
                break;
        }
        return request;
    }

    private async Task<(int Status, JsonNode? Json, string? MediaType)> CallAsync(string path, Credentials credentials)
    {
        using var response = await host.Http.SendAsync(Request(HttpMethod.Get, path, credentials));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task AssertRefusedAsync(string path, Credentials credentials, string detail)
    {
        var (status, json, mediaType) = await CallAsync(path, credentials);
        Assert.True(status == 401, $"{credentials} on {path}: {status} {json?.ToJsonString()}");
        Assert.Equal("application/json", mediaType);
        // Exactly {"detail": ...}, nothing else (MoviePilot's clients read this field).
        Assert.Equal(new JsonObject { ["detail"] = detail }.ToJsonString(), json!.ToJsonString());
    }

    [Theory]
    [InlineData(Credentials.Bearer)]
    [InlineData(Credentials.ApiKeyQuery)]
    [InlineData(Credentials.ApiKeyHeader)]
    public async Task A_management_endpoint_takes_a_bearer_token_or_the_api_key(Credentials credentials)
    {
        var (status, json, _) = await CallAsync(Management, credentials);
        Assert.Equal(200, status);
        Assert.Contains(json!.AsArray(), p => p!["id"]!.GetValue<string>() == "Echo");
    }

    [Theory]
    [InlineData(Credentials.None)]
    [InlineData(Credentials.WrongBearer)]
    [InlineData(Credentials.ForgedBearer)]
    [InlineData(Credentials.WrongApiKeyQuery)]
    [InlineData(Credentials.WrongApiKeyHeader)]
    public Task A_management_endpoint_refuses_missing_or_wrong_credentials(Credentials credentials) =>
        AssertRefusedAsync(Management, credentials, NotAuthenticated);

    [Theory]
    [InlineData(Credentials.Bearer)]
    [InlineData(Credentials.ApiKeyQuery)]
    [InlineData(Credentials.ApiKeyHeader)]
    public async Task An_apikey_plugin_api_takes_the_api_key_or_a_bearer_token(Credentials credentials)
    {
        var (status, json, _) = await CallAsync(ApiKeyApi, credentials);
        Assert.Equal(200, status);
        Assert.EndsWith(" ann", json!["data"]!["greeting"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Credentials.None)]
    [InlineData(Credentials.WrongBearer)]
    [InlineData(Credentials.ForgedBearer)]
    [InlineData(Credentials.WrongApiKeyQuery)]
    [InlineData(Credentials.WrongApiKeyHeader)]
    public Task An_apikey_plugin_api_refuses_missing_or_wrong_credentials(Credentials credentials) =>
        AssertRefusedAsync(ApiKeyApi, credentials, ApiKeyRequired);

    [Fact]
    public async Task A_bearer_plugin_api_takes_a_login_token_and_sees_its_user()
    {
        var (status, json, _) = await CallAsync(BearerApi, Credentials.Bearer);
        Assert.Equal(200, status);
        Assert.Equal("admin", json!["user"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Credentials.None)]
    [InlineData(Credentials.WrongBearer)]
    [InlineData(Credentials.ForgedBearer)]
    [InlineData(Credentials.ApiKeyQuery)] // the API key is not enough for a bearer-only API
    [InlineData(Credentials.ApiKeyHeader)]
    [InlineData(Credentials.WrongApiKeyQuery)]
    [InlineData(Credentials.WrongApiKeyHeader)]
    public Task A_bearer_plugin_api_refuses_anything_but_a_valid_login_token(Credentials credentials) =>
        AssertRefusedAsync(BearerApi, credentials, BearerRequired);

    [Theory]
    [InlineData(Credentials.None)]
    [InlineData(Credentials.Bearer)]
    [InlineData(Credentials.WrongBearer)]
    [InlineData(Credentials.ApiKeyQuery)]
    [InlineData(Credentials.WrongApiKeyQuery)]
    [InlineData(Credentials.ApiKeyHeader)]
    [InlineData(Credentials.WrongApiKeyHeader)]
    public async Task An_anonymous_plugin_api_answers_whatever_credentials_come_with_the_call(Credentials credentials)
    {
        var (status, json, _) = await CallAsync(AnonymousApi, credentials);
        Assert.Equal(200, status);
        Assert.Equal("anonymous ok", json!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_bearer_token_does_not_spoil_a_valid_api_key_sent_with_it()
    {
        foreach (var path in new[] { Management, ApiKeyApi })
        {
            using var request = Request(HttpMethod.Get, path, Credentials.ApiKeyHeader);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
            using var response = await host.Http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }
    }

    [Theory]
    [InlineData(Credentials.Bearer, "admin")]
    [InlineData(Credentials.ApiKeyHeader, "apikey")]
    public async Task A_message_without_a_userid_is_attributed_to_the_caller(Credentials credentials, string user)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/message/", credentials);
        request.Content = JsonContent.Create(new { text = "/echo who" });
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(user, reply!["data"]!["replies"]![0]!["userid"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_both_credentials_a_plugin_sees_the_login_user()
    {
        using var request = Request(HttpMethod.Get, BearerApi, Credentials.ApiKeyQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("admin", (await response.Content.ReadFromJsonAsync<JsonObject>())!["user"]!.GetValue<string>());
    }
}

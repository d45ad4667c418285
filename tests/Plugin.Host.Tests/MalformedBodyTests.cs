namespace Plugin.Host.Tests;

/// <summary>
/// A request body that is not what an endpoint reads — broken JSON, the wrong JSON kind, or JSON whose strings cannot be
/// read (an unpaired surrogate escape such as <c>"\ud800"</c>) — is answered 400 with a message saying what was wrong,
/// never 500 or an empty body, on every endpoint that reads a body.
/// </summary>
[Trait("Category", "FaultSuite")]
[Collection(HostCollection.Name)]
public sealed class MalformedBodyTests(HostFixture host)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/v1/message/" },
        { "POST", "/api/v1/plugin/module/recognize_media" },
        { "POST", "/api/v1/workflow/plugin/actions/Echo/mark" },
        { "PUT", "/api/v1/music/plugins/NoSuchPlatform/variables" },
        { "PUT", "/api/v1/plugin/Echo" },
        { "PATCH", "/api/v1/plugin/Echo" },
        { "POST", "/api/v1/plugin/events/transfer.complete" },
        { "POST", "/api/v1/plugin/chain/transfer.rename" },
        { "POST", "/api/v1/plugin/Echo/body" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_unpaired_surrogate_in_a_string_is_a_400_with_a_message(string method, string path)
    {
        var (status, body) = await host.CallAsync(new HttpMethod(method), path, body: """{"text": "\ud800", "title": "\udc00x", "content": "\ud800"}""");
        Assert.True(status == 400, $"{method} {path}: {status} {body?.ToJsonString()}");
        Assert.Contains("the value of \"text\" at character 10 is not valid text", body?["message"]?.GetValue<string>() ?? "");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Broken_json_is_a_400_with_a_message(string method, string path)
    {
        var (status, body) = await host.CallAsync(new HttpMethod(method), path, body: "{\"text\": ");
        Assert.True(status is 400 or 404, $"{method} {path}: {status} {body?.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace(body?["message"]?.GetValue<string>() ?? body?["detail"]?.GetValue<string>()), $"{method} {path}: no message in {body?.ToJsonString()}");
    }
}

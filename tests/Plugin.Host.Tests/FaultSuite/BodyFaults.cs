using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Plugin.Host.Tests.FaultSuite;

/// <summary>
/// Malformed bodies on every route that takes one (POST, PUT, PATCH), as the admin: broken JSON, unreadable strings,
/// the wrong JSON kind, absurd nesting, invalid UTF-8, binary junk. Each answer is below 500, and a refusal (4xx)
/// carries a message saying what was wrong.
/// </summary>
[Trait("Category", "FaultSuite")]
[Collection(HostCollection.Name)]
public sealed class BodyFaults(HostFixture host)
{
    private static readonly (string Name, byte[] Bytes)[] Bodies =
    [
        ("broken JSON", Encoding.UTF8.GetBytes("{\"text\": ")),
        ("an unpaired surrogate", Encoding.UTF8.GetBytes("{\"text\": \"\\ud800\", \"title\": \"\\udc00\"}")),
        ("the wrong JSON kind", Encoding.UTF8.GetBytes("[1, 2, 3]")),
        ("a bare string", Encoding.UTF8.GetBytes("\"just text\"")),
        ("nesting 5000 deep", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        ("invalid UTF-8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D]),
        ("a NUL byte", Encoding.UTF8.GetBytes("{\"text\": \"a\u0000b\"}")),
        ("a number too big for any field", Encoding.UTF8.GetBytes("{\"enabled\": 1e999, \"limit\": 99999999999999999999999}")),
        ("binary junk", Enumerable.Range(0, 512).Select(i => (byte)(i * 7919 % 256)).ToArray()),
        ("an empty body", []),
    ];

    [Fact]
    public async Task Every_body_route_answers_malformed_bodies_with_a_4xx_and_a_message()
    {
        var tally = new FaultTally("bodies", "malformed bodies on every route that takes one");
        var routes = EndpointWalk.ApiRoutes(host.App.Services).Where(r => r.Method is "POST" or "PUT" or "PATCH").ToList();
        Assert.True(routes.Count > 8, $"only {routes.Count} body routes found");
        foreach (var route in routes)
            foreach (var (name, bytes) in Bodies)
            {
                var path = route.Fill(EndpointWalk.Ordinary);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(path.Contains("login") ? "application/x-www-form-urlencoded" : "application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
                using var response = await host.Http.SendAsync(request);
                var status = (int)response.StatusCode;
                var message = status >= 400 ? Message(await response.Content.ReadAsStringAsync()) : "(accepted)";
                tally.Attempt(status is > 0 and < 500 && !string.IsNullOrWhiteSpace(message),
                    $"{route} with {name} answered {status} {(string.IsNullOrWhiteSpace(message) ? "without a message" : message)}");
            }
        tally.Complete();
    }

    private static string? Message(string text)
    {
        try
        {
            var json = JsonNode.Parse(text);
            return (string?)json?["message"] ?? (string?)json?["detail"] ?? (string?)json?["title"];
        }
        catch (System.Text.Json.JsonException) { return null; }
    }
}

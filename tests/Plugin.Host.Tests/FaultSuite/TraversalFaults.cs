using System.Net.Http.Headers;
using System.Text;

namespace Plugin.Host.Tests.FaultSuite;

/// <summary>
/// Path-traversal and junk values in every route parameter (and the icon's file query), as the admin: each answers
/// below 500, no answer carries a file from outside the plugin's own folder, and no installed plugin is touched.
/// </summary>
[Trait("Category", "FaultSuite")]
[Collection(HostCollection.Name)]
public sealed class TraversalFaults(HostFixture host)
{
    private static readonly string[] Payloads =
    [
        "..", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....%2F%2F....%2F%2Fetc%2Fpasswd",
        "..%5C..%5Cappsettings.json", "%2Fetc%2Fpasswd", "Echo%00.dll", "Echo%2F..%2FFaulty", "%7Eroot", "C%3A%5CWindows",
        "%c0%ae%c0%ae%2f", "%EF%BC%8E%EF%BC%8E%EF%BC%8F", "%2A", "%3F", "%20", new string('A', 4000), "..%252F..%252Fetc%252Fpasswd",
    ];

    private static readonly string[] Leaks = ["root:x:0:0", "SQLite format", "\"ApiToken\"", "BEGIN PRIVATE KEY"];

    [Fact]
    public async Task Traversal_values_in_every_parameter_answer_below_500_and_leak_nothing()
    {
        var tally = new FaultTally("traversal", "traversal and junk values in every route parameter");
        var before = await InstalledIdsAsync();
        var routes = EndpointWalk.ApiRoutes(host.App.Services).Where(r => r.Parameters.Any()).ToList();
        var targets = routes.SelectMany(r => r.Parameters.SelectMany(target => Payloads.Select(payload =>
                (r.Method, Path: r.Fill(name => name == target ? payload : EndpointWalk.Ordinary(name))))))
            .Concat(Payloads.Select(payload => (Method: "GET", Path: $"/api/v1/plugin/icon/Echo?file={payload}")));

        foreach (var (method, path) in targets)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
            if (method is "POST" or "PUT" or "PATCH")
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await host.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var leak = Leaks.FirstOrDefault(body.Contains);
            tally.Attempt(status is > 0 and < 500 && leak is null,
                $"{method} {(path.Length > 120 ? path[..120] + "…" : path)} answered {status}{(leak is null ? "" : " leaking " + leak)}",
                lost: leak is not null);
        }
        var after = await InstalledIdsAsync();
        tally.Attempt(before.SetEquals(after), $"installed plugins changed: {string.Join(",", before)} -> {string.Join(",", after)}",
            lost: !before.SetEquals(after));
        tally.Complete();
    }

    private async Task<HashSet<string>> InstalledIdsAsync()
    {
        var list = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        return list!.AsArray().Select(i => (string)i!["id"]!).ToHashSet();
    }
}

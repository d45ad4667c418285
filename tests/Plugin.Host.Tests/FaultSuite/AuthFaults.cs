using System.Net.Http.Headers;
using System.Text;

namespace Plugin.Host.Tests.FaultSuite;

/// <summary>
/// Every route of the host that is not anonymous, called with every kind of missing, wrong or forged credential:
/// each must be refused (401/403) before the route does anything. A 2xx is a break-in and counts as lost.
/// </summary>
[Trait("Category", "FaultSuite")]
[Collection(HostCollection.Name)]
public sealed class AuthFaults(HostFixture host)
{
    private static readonly string[] PluginApiPaths = ["/api/v1/plugin/Echo/hello?name=x", "/api/v1/plugin/Echo/secure", "/api/v1/plugin/Echo/body"];

    [Fact]
    public async Task Every_secured_route_refuses_every_wrong_credential()
    {
        var tally = new FaultTally("auth", "missing, wrong or forged credentials on every secured route");
        var routes = EndpointWalk.ApiRoutes(host.App.Services).Where(r => !r.Anonymous).ToList();
        Assert.True(routes.Count > 20, $"only {routes.Count} secured routes found");
        var targets = routes.Select(r => (r.Method, Path: r.Fill(EndpointWalk.Ordinary)))
            .Concat(PluginApiPaths.Select(p => (Method: p.EndsWith("body") ? "POST" : "GET", Path: p)));

        foreach (var (method, path) in targets)
            foreach (var (name, apply) in Variants())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                apply(request);
                if (method is "POST" or "PUT" or "PATCH")
                    request.Content = new StringContent("{\"enabled\":true,\"item\":{\"a\":1}}", Encoding.UTF8, "application/json");
                using var response = await host.Http.SendAsync(request);
                var status = (int)response.StatusCode;
                tally.Attempt(status is 401 or 403, $"{method} {path} with {name} answered {status}", lost: status is >= 200 and < 300);
            }
        tally.Complete();
    }

    private IEnumerable<(string Name, Action<HttpRequestMessage> Apply)> Variants()
    {
        var parts = host.Token.Split('.');
        var tampered = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? "B" : "A") + parts[2][1..];
        var unsigned = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        var otherUser = parts[0] + "." + Base64Url("{\"sub\":\"root\",\"exp\":4102444800}") + "." + parts[2];
        yield return ("no credentials", _ => { });
        yield return ("a bearer that is not a JWT", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt"));
        yield return ("a tampered signature", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tampered));
        yield return ("an unsigned alg=none token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", unsigned));
        yield return ("a forged payload", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", otherUser));
        yield return ("an empty bearer", r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer "));
        yield return ("basic auth with the admin password", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + HostFixture.Password))));
        yield return ("a wrong apikey query", r => r.RequestUri = new Uri(r.RequestUri!.OriginalString + (r.RequestUri.OriginalString.Contains('?') ? "&" : "?") + "apikey=wrong", UriKind.Relative));
        yield return ("a wrong X-API-KEY header", r => r.Headers.Add("X-API-KEY", "wrong"));
        yield return ("the API key as a bearer token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostFixture.ApiToken + "x"));
    }

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Web;

namespace Plugin.Host.Tests;

/// <summary>
/// Password guessing is slowed down: after <c>Host:Login:FailuresPerWindow</c> wrong passwords, the next attempts — the
/// right password included — get 429 with Retry-After until the window ends; then the right password logs in again.
/// A host of its own, so the shared fixture's logins are not throttled.
/// </summary>
[Trait("Category", "FaultSuite")]
public sealed class LoginThrottleTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("plugin-host-login").FullName;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = HostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Host:DataDir={Path.Combine(_root, "data")}",
            $"--Host:Feeds:0={Path.Combine(_root, "feed")}",
            "--Host:Admin:Password=right-password",
            "--Host:ApiToken=token",
            "--Host:Login:FailuresPerWindow=5",
            "--Host:Login:WindowSeconds=2",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    private async Task<HttpResponseMessage> LoginAsync(string user, string password) =>
        await _http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password }));

    [Fact]
    public async Task Wrong_passwords_then_the_right_one_is_throttled_until_the_window_ends()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("admin", "guess-" + i)).StatusCode);

        using var throttled = await LoginAsync("admin", "right-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is set");
        Assert.Contains("Too many failed logins", await throttled.Content.ReadAsStringAsync());
        // Another user name from the same client is throttled too (per client), without looking at the password.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync("someone", "x")).StatusCode);

        // The window ends (2 s here): the right password works again. Waits for the condition, not a fixed time.
        HttpStatusCode status = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var again = await LoginAsync("admin", "right-password");
            status = again.StatusCode;
            if (status == HttpStatusCode.OK) break;
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

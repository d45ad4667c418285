namespace Plugin.Host.Tests.FaultSuite;

/// <summary>Password guessing against a fresh host: wrong passwords are refused, and once the failures per window are
/// spent even the right password waits (429 with Retry-After), so guessing cannot go on at network speed.</summary>
[Trait("Category", "FaultSuite")]
public sealed class LoginFaults : IAsyncLifetime
{
    private readonly HostProcess _host = new(Directory.CreateTempSubdirectory("fault-login").FullName, Directory.CreateTempSubdirectory("fault-login-feed").FullName);

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var dir in new[] { _host.Root, _host.Feed })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Thirty_wrong_passwords_then_the_right_one_is_throttled()
    {
        var tally = new FaultTally("login", "30 wrong passwords, then the right one");
        for (var i = 0; i < 30; i++)
        {
            var (status, retryAfter) = await LoginAsync("guess" + i);
            tally.Attempt(status is 401 or 429 && (status != 429 || retryAfter), $"guess {i} answered {status}", lost: status == 200);
        }
        var (right, wait) = await LoginAsync(HostProcess.Password);
        tally.Attempt(right == 429 && wait, $"the right password after 30 failures answered {right}", lost: right == 200);
        tally.Complete();
    }

    private async Task<(int Status, bool RetryAfter)> LoginAsync(string password)
    {
        using var response = await _host.Http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = password }));
        return ((int)response.StatusCode, response.Headers.RetryAfter is not null);
    }
}

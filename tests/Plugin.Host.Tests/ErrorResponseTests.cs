using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>Failures over REST: each kind's status, one text for an unknown plugin, one envelope, one 401 body.</summary>
[Collection(HostCollection.Name)]
public sealed class ErrorResponseTests(HostFixture host)
{
    [Theory]
    [InlineData("/api/v1/plugin/dashboard/NoSuchPlugin/stats")]
    [InlineData("/api/v1/plugin/form/NoSuchPlugin")]
    [InlineData("/api/v1/plugin/NoSuchPlugin/ping")]
    [InlineData("/api/v1/plugin/remotes/NoSuchPlugin")]
    public async Task An_unknown_plugin_is_404_with_one_text_wherever_it_is_asked_for(string path)
    {
        var (status, body) = await host.CallAsync(HttpMethod.Get, path);
        Assert.Equal(404, status);
        Assert.False(body!["success"]!.GetValue<bool>());
        Assert.Equal("Plugin NoSuchPlugin is not installed.", body["message"]!.GetValue<string>());
        Assert.True(body.AsObject().ContainsKey("data"));
    }

    [Fact]
    public async Task A_dashboard_of_a_plugin_that_is_not_running_is_a_conflict_not_a_missing_thing()
    {
        // Broken throws while initialising; it is installed, so 404 would send the user looking for the wrong thing.
        var (status, body) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/Broken/stats");
        Assert.Equal(409, status);
        Assert.Contains("Broken is not enabled", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Install_refusals_have_their_kinds_status_and_the_status_they_leave()
    {
        var (missing, missingBody) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/NoSuchPluginOnAnyFeed");
        Assert.Equal(404, missing);
        Assert.Equal("NotSupported", missingBody!["data"]!["status"]!.GetValue<string>());

        var (badVersion, _) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/Echo?version=not-a-version");
        Assert.Equal(400, badVersion);
    }

    [Theory]
    [InlineData("/api/v1/plugin/?state=installed")]
    [InlineData("/api/v1/site/indexers")]
    [InlineData("/api/v1/music/plugins")]
    public async Task Host_and_engines_refuse_a_missing_login_with_one_body(string path)
    {
        var (status, body) = await host.CallAsync(HttpMethod.Get, path, Auth.None);
        Assert.Equal(401, status);
        Assert.Equal("""{"detail":"Not authenticated"}""", body!.ToJsonString());
    }
}

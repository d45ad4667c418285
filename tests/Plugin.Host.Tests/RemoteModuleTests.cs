using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// Render mode vue through the real host on loopback: the AiRecognizer sample as <c>./build.sh</c> packed it (real
/// generator, real packaging targets, its hand-written <c>ui/remote.js</c> inside), installed from the test feed through
/// the REST API, and its module fetched as the web UI fetches it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RemoteModuleTests(HostFixture host)
{
    private const string Sample = "AiRecognizer";

    [Fact]
    public async Task A_vue_sample_serves_its_packed_module_with_an_etag_and_others_answer_404()
    {
        var nupkg = SamplePackage();
        var copy = Path.Combine(host.Feed, Path.GetFileName(nupkg));
        if (!File.Exists(copy))
            File.Copy(nupkg, copy);
        var install = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/install/{Sample}");
        Assert.True(install!["success"]!.GetValue<bool>(), install.ToJsonString());

        // The module is the very file the sample project keeps as ui/remote.js.
        var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "samples", Sample, "ui", "remote.js"));
        using var response = await host.Http.SendAsync(host.Request(HttpMethod.Get, $"/api/v1/plugin/remotes/{Sample}", Auth.Bearer));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("no-cache", response.Headers.CacheControl!.ToString());

        // The browser's revalidation: same tag, no body.
        using (var again = host.Request(HttpMethod.Get, $"/api/v1/plugin/remotes/{Sample}", Auth.Bearer))
        {
            again.Headers.IfNoneMatch.Add(etag!);
            using var notModified = await host.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
        using (var stale = host.Request(HttpMethod.Get, $"/api/v1/plugin/remotes/{Sample}", Auth.Bearer))
        {
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-module\""));
            using var fresh = await host.Http.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // Same auth as every plugin endpoint: none is refused, the API key works.
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/remotes/{Sample}", Auth.None)).Status);
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/remotes/{Sample}", Auth.ApiKey)).Status);

        // A plugin without a module, and one that is not installed: a JSON 404 that says which.
        var (status, body) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/remotes/Echo");
        Assert.Equal(404, status);
        Assert.Contains("ships no compiled Vue module", body!["message"]!.GetValue<string>());
        (status, body) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/remotes/NoSuchPlugin");
        Assert.Equal(404, status);
        Assert.Contains("not installed", body!["message"]!.GetValue<string>());

        // The list form names the plugins that ship one, with where to get it.
        var list = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/remotes"))!.AsArray();
        var item = Assert.Single(list, p => p!["id"]!.GetValue<string>() == Sample)!;
        Assert.Equal($"/api/v1/plugin/remotes/{Sample}", item["url"]!.GetValue<string>());
        Assert.Equal("vue", item["render_mode"]!.GetValue<string>());
        Assert.DoesNotContain(list, p => p!["id"]!.GetValue<string>() == "Echo");

        // What makes the UI load it: the page answers render_mode vue, and the list shows a page; the config form and
        // the dashboard stay Vuetify JSON (the sample does not ask for vue there).
        var page = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/page/{Sample}");
        Assert.Equal("vue", page!["render_mode"]!.GetValue<string>());
        Assert.Empty(page["page"]!.AsArray());
        var installed = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"))!.AsArray();
        Assert.True(installed.Single(p => p!["id"]!.GetValue<string>() == Sample)!["has_page"]!.GetValue<bool>());
        var form = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/form/{Sample}");
        Assert.Equal("vuetify", form!["render_mode"]!.GetValue<string>());
        Assert.NotEmpty(form["conf"]!.AsArray());
        // The APIs the component calls answer through the host.
        var usage = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/{Sample}/usage");
        Assert.Equal(0, usage!["requests"]!.GetValue<int>());
        var recognize = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/{Sample}/recognize?title=x");
        Assert.False(recognize!["success"]!.GetValue<bool>());
        Assert.Equal("请先填写 API Key", recognize["message"]!.GetValue<string>());
    }

    /// <summary>The sample as the repository's build packed it; there is nothing to test without it.</summary>
    private static string SamplePackage()
    {
        var feed = Path.Combine(RepositoryRoot(), "artifacts", "packages");
        var packages = Directory.Exists(feed) ? Directory.GetFiles(feed, Sample + ".*.nupkg") : [];
        Assert.True(packages.Length == 1,
            $"Expected one packed {Sample} in {feed}, found {packages.Length}: run ./build.sh first (it packs the samples).");
        return packages[0];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.Sdk.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Plugin.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}

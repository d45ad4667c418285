using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Api;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;

namespace Plugin.Host.Tests;

/// <summary>The one mapping from <see cref="PluginErrorKind"/> to HTTP, and the envelope it answers with.</summary>
[Trait("Category", "FaultSuite")]
public sealed class ErrorMappingTests
{
    public static TheoryData<PluginErrorKind, int> Statuses => new()
    {
        { PluginErrorKind.NotFound, 404 },
        { PluginErrorKind.NotLoaded, 409 },
        { PluginErrorKind.Invalid, 400 },
        { PluginErrorKind.Forbidden, 403 },
        { PluginErrorKind.Conflict, 409 },
        { PluginErrorKind.PluginFailed, 500 },
        { PluginErrorKind.TimedOut, 504 },
        { PluginErrorKind.Unavailable, 503 },
        { PluginErrorKind.Incompatible, 422 },
        { PluginErrorKind.Corrupt, 502 },
        { PluginErrorKind.TooLarge, 413 },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Each_kind_answers_its_status_in_the_envelope(PluginErrorKind kind, int status)
    {
        Assert.Equal(status, ErrorFilter.StatusCode(kind));

        var (code, body) = await ExecuteAsync(ErrorFilter.Answer(new PluginError(kind, "why it failed")));
        Assert.Equal(status, code);
        Assert.Equal("""{"success":false,"message":"why it failed","data":null}""", body.ToJsonString());
    }

    [Fact]
    public void The_table_above_covers_every_kind()
    {
        var tested = Statuses.Select(row => (PluginErrorKind)row[0]!).ToHashSet();
        Assert.Equal(Enum.GetValues<PluginErrorKind>().ToHashSet(), tested);
    }

    [Fact]
    public async Task A_refused_install_also_says_which_status_it_leaves_the_plugin_in()
    {
        var (code, body) = await ExecuteAsync(ErrorFilter.Answer(
            new PluginInstallException("SomePlugin", PluginErrorKind.Incompatible, "Plugin SomePlugin needs a newer host")));
        Assert.Equal(422, code);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("NotSupported", body["data"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(PluginErrorKind.Incompatible, PluginStatus.NotSupported)]
    [InlineData(PluginErrorKind.Invalid, PluginStatus.NotSupported)]
    [InlineData(PluginErrorKind.NotFound, PluginStatus.NotSupported)]
    [InlineData(PluginErrorKind.Corrupt, PluginStatus.Malfunctioned)]
    [InlineData(PluginErrorKind.PluginFailed, PluginStatus.Malfunctioned)]
    [InlineData(PluginErrorKind.Unavailable, PluginStatus.Malfunctioned)]
    public void An_install_error_kind_decides_the_UI_status(PluginErrorKind kind, PluginStatus status) =>
        Assert.Equal(status, new PluginInstallException("SomePlugin", kind, "x").Status);

    [Fact]
    public void Plugin_calls_that_fail_or_time_out_have_their_kinds()
    {
        Assert.Equal(PluginErrorKind.PluginFailed, new PluginCallException("p", "op", "threw", null, timedOut: false).Kind);
        Assert.Equal(PluginErrorKind.TimedOut, new PluginCallException("p", "op", "too slow", null, timedOut: true).Kind);
    }

    [Fact]
    public void Every_unknown_plugin_gets_the_same_error()
    {
        var error = Assert.Throws<PluginError>(() => new PluginCatalog().Require("Nope"));
        Assert.Equal(PluginErrorKind.NotFound, error.Kind);
        Assert.Equal("Plugin Nope is not installed.", error.Message);
    }

    private static async Task<(int Status, JsonNode Body)> ExecuteAsync(IResult result)
    {
        var services = new ServiceCollection().AddLogging().ConfigureHttpJsonOptions(_ => { }).BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, (await JsonNode.ParseAsync(http.Response.Body))!);
    }
}

using System.Text.Json;
using AiRecognizer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MirrorStorage;
using Plugin.Sdk;
using Plugin.TestSupport;

namespace Samples.Tests;

public class AiChatClientTests
{
    [Fact]
    public async Task Asks_an_openai_compatible_endpoint_and_reads_the_json_answer()
    {
        string? seenAuth = null;
        string? seenTitle = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            seenAuth = http.Request.Headers.Authorization;
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            seenTitle = body.RootElement.GetProperty("messages")[1].GetProperty("content").GetString();
            return Results.Json(new
            {
                choices = new[] { new { message = new { role = "assistant", content = "```json\n{\"name\": \"The Last of Us\", \"year\": \"2023\", \"season\": 1, \"episode\": \"3\"}\n```" } } },
            });
        }));
        using var http = new HttpClient();
        var client = new ChatClient(http, server.Address, "sk-test", "gpt-test");

        var result = await client.RecognizeAsync("The.Last.of.Us.S01E03.1080p.WEB-DL", null, CancellationToken.None);

        Assert.Equal("Bearer sk-test", seenAuth);
        Assert.Equal("The.Last.of.Us.S01E03.1080p.WEB-DL", seenTitle);
        Assert.Equal(new Recognition("The Last of Us", "2023", 1, 3), result);
    }

    [Fact]
    public async Task Reports_the_status_and_body_of_a_failed_call()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v1/chat/completions", () => Results.Json(new { error = "invalid api key" }, statusCode: 401)));
        using var http = new HttpClient();
        var client = new ChatClient(http, server.Address, "bad", "m");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.RecognizeAsync("x", null, CancellationToken.None));
        Assert.Contains("401", error.Message);
        Assert.Contains("invalid api key", error.Message);
    }

    [Theory]
    [InlineData("sorry, I don't know")]
    [InlineData("{\"name\": \"\"}")]
    [InlineData("{not json}")]
    public void Answers_without_a_name_are_no_result(string content) => Assert.Null(ChatClient.ParseAnswer(content));
}

public class FolderStorageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mirror-").FullName;

    [Fact]
    public async Task Does_real_file_operations_under_its_root()
    {
        var storage = new FolderStorage("mirror", _root);
        var root = (await storage.GetItemAsync("/"))!;
        var movies = (await storage.CreateFolderAsync(root, "movies"))!;
        var local = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.mkv");
        await File.WriteAllTextAsync(local, "video");

        var uploaded = (await storage.UploadAsync(movies, local, "a.mkv"))!;
        Assert.Equal("/movies/a.mkv", uploaded.Path);
        Assert.Equal("mkv", uploaded.Extension);
        Assert.Equal(5, uploaded.Size);

        Assert.True(await storage.CopyAsync(uploaded, "/backup/", "b.mkv"));
        Assert.True(await storage.RenameAsync(uploaded, "c.mkv"));
        var listing = await storage.ListAsync(movies);
        Assert.Equal(["c.mkv"], listing.Select(i => i.Name));
        Assert.Equal("video", await File.ReadAllTextAsync(Path.Combine(_root, "backup", "b.mkv")));

        Assert.True(await storage.DeleteAsync((await storage.GetItemAsync("/backup/"))!));
        Assert.Null(await storage.GetItemAsync("/backup/b.mkv"));
        Assert.NotNull(await storage.UsageAsync());
    }

    [Theory]
    [InlineData("/../outside.txt")]
    [InlineData("/movies/../../etc/passwd")]
    public void Refuses_paths_that_leave_the_root(string path) =>
        Assert.Throws<UnauthorizedAccessException>(() => new FolderStorage("mirror", _root).Local(path));

    [Fact]
    public async Task Refuses_names_with_separators()
    {
        var storage = new FolderStorage("mirror", _root);
        var root = (await storage.GetItemAsync("/"))!;
        await Assert.ThrowsAsync<ArgumentException>(() => storage.CreateFolderAsync(root, "../x"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiRecognizer;

/// <summary>What the model says a release title is.</summary>
public sealed record Recognition(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("year")] string? Year,
    [property: JsonPropertyName("season")] int? Season,
    [property: JsonPropertyName("episode")] int? Episode);

/// <summary>
/// A minimal OpenAI-compatible chat client (<c>POST {base}/v1/chat/completions</c>): enough for recognition, and it
/// works with OpenAI, Azure-style proxies, DeepSeek, Ollama and the like, which all speak this shape.
/// </summary>
public sealed class ChatClient(HttpClient http, Uri baseUrl, string apiKey, string model)
{
    public const string SystemPrompt =
        "You are a media release title parser. Reply with one JSON object only, no prose: " +
        "{\"name\": string (the show or movie name, in its original language), \"year\": string|null, " +
        "\"season\": number|null, \"episode\": number|null}.";

    public async Task<Recognition?> RecognizeAsync(string title, string? extraPrompt, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(baseUrl, baseUrl.AbsolutePath.TrimEnd('/').EndsWith("/v1") ? "chat/completions" : "v1/chat/completions");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new
            {
                model,
                temperature = 0,
                messages = new object[]
                {
                    new { role = "system", content = SystemPrompt + (string.IsNullOrWhiteSpace(extraPrompt) ? "" : " " + extraPrompt) },
                    new { role = "user", content = title },
                },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"AI 接口返回 {(int)response.StatusCode}：{Shorten(body)}");

        using var document = JsonDocument.Parse(body);
        var content = document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        return ParseAnswer(content);
    }

    /// <summary>Models like to wrap JSON in prose or code fences; take the outermost object.</summary>
    public static Recognition? ParseAnswer(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        var start = content.IndexOf('{');
        var end = content.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        try
        {
            var recognition = JsonSerializer.Deserialize<Recognition>(content[start..(end + 1)],
                new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowReadingFromString });
            return string.IsNullOrWhiteSpace(recognition?.Name) ? null : recognition;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Plugin.Host.Security;
using Plugin.Host.Storage;
using Plugin.Shared.Api;

namespace Plugin.Host.Api.MoviePilot;

/// <summary>
/// <c>GET /api/v1/system/message</c>: the messages plugins post, live, as server-sent events
/// (<c>data: {"type","title","text","date"}</c>), the notification bell of MoviePilot's web client. A browser's
/// <c>EventSource</c> cannot send an Authorization header, so besides the usual credentials the stream takes the login
/// token from a cookie the login sets (<see cref="CookieName"/>): HttpOnly, SameSite=Strict and limited to this path,
/// so it authenticates this read-only stream and nothing else.
/// </summary>
public static class SystemMessageStream
{
    public const string CookieName = "plugin_host_messages";
    public const string Path = "/api/v1/system/message";

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    /// <summary>Gives the browser that just logged in the cookie the stream accepts, for as long as the token lives.</summary>
    public static void SetCookie(HttpResponse response, string token, TimeSpan lifetime) =>
        response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            MaxAge = lifetime,
            Secure = response.HttpContext.Request.IsHttps,
        });

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/system/message", StreamAsync).WithTags("system")
            .WithSummary("Messages plugins post, as server-sent events (bearer, API key, or the cookie the login sets)")
            .AllowAnonymous();

    private static async Task StreamAsync(HttpContext context, JwtTokens tokens, MessageOutbox outbox, TimeProvider clock)
    {
        if (!await IsCallerAsync(context, tokens))
        {
            await ApiDetail.Result("Not authenticated").ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        var ct = context.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Proxies (nginx) must pass each event on at once.
        response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            if (outbox.Feed is { } feed)
            {
                await StreamFeedAsync(response, feed, ct);
                return;
            }
            // Where the stream starts, read before the headers go out: a message posted as soon as the client sees the
            // stream open comes after this id, so it is sent (read after the flush, it could be skipped).
            var last = await outbox.LastIdAsync(ct);
            // Headers now, so the client's EventSource opens before the first message.
            await response.Body.FlushAsync(ct);
            var quietSince = clock.GetUtcNow();
            using var timer = new PeriodicTimer(Poll, clock);
            while (await timer.WaitForNextTickAsync(ct))
            {
                var messages = await outbox.AfterAsync(last, 100, ct);
                foreach (var message in messages)
                {
                    await WriteAsync(response, "data: " + JsonSerializer.Serialize(Notification(message), HostJson.Options) + "\n\n", ct);
                    last = message.Id;
                }
                if (messages.Count > 0)
                    quietSince = clock.GetUtcNow();
                else if (clock.GetUtcNow() - quietSince >= KeepAlive)
                {
                    await WriteAsync(response, ": keep-alive\n\n", ct);
                    quietSince = clock.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away: the normal end of a stream.
        }
    }

    /// <summary>Several hosts: the messages posted on any of them, as the cluster's feed relays them (no table polling,
    /// which would send a message twice where the hosts share one database).</summary>
    private static async Task StreamFeedAsync(HttpResponse response, IMessageFeed feed, CancellationToken ct)
    {
        // Subscribed before the headers go out: a message posted once the client sees the stream open is sent.
        using var subscription = feed.Subscribe();
        await response.Body.FlushAsync(ct);
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
            quiet.CancelAfter(KeepAlive);
            bool ready;
            try { ready = await subscription.Reader.WaitToReadAsync(quiet.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await WriteAsync(response, ": keep-alive\n\n", ct);
                continue;
            }
            if (!ready) return;
            while (subscription.Reader.TryRead(out var message))
                await WriteAsync(response, "data: " + JsonSerializer.Serialize(Notification(message), HostJson.Options) + "\n\n", ct);
        }
    }

    private static async Task<bool> IsCallerAsync(HttpContext context, JwtTokens tokens)
    {
        if (context.Request.Cookies[CookieName] is { Length: > 0 } cookie && tokens.Validate(cookie) is not null)
            return true;
        foreach (var scheme in new[] { BearerTokenHandler.SchemeName, ApiKeyHandler.SchemeName })
            if ((await context.AuthenticateAsync(scheme)).Succeeded)
                return true;
        return false;
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary>MoviePilot's system notification: type <c>plugin</c> for what a plugin posted, <c>system</c> otherwise.</summary>
    private static SystemNotification Notification(OutboxMessage message)
    {
        string? Text(string name) => message.Message.ValueKind == JsonValueKind.Object && message.Message.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var date = DateTimeOffset.TryParse(message.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : message.CreatedAt;
        return new SystemNotification(message.PluginId is null ? "system" : "plugin", Text("title") ?? message.PluginId ?? "", Text("text") ?? "", date);
    }
}

/// <summary>One event of the message stream, as MoviePilot sends it.</summary>
public sealed record SystemNotification(string Type, string Title, string Text, string Date);

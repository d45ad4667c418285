using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Plugin.Host.Security;

/// <summary>
/// Slows down password guessing: failed logins are counted per client address and per user name, each in a window of
/// <see cref="HostSettings.LoginOptions.WindowSeconds"/>, with .NET's fixed-window rate limiters. Once either count
/// reaches <see cref="HostSettings.LoginOptions.FailuresPerWindow"/>, further attempts from that client or for that user
/// are answered 429 with Retry-After until the window ends — without checking the password, so a guess that happens to
/// be right is not confirmed either. Successful logins are not counted. Every failure is logged with client and user.
/// </summary>
public sealed class LoginThrottle(IOptions<HostSettings> settings, ILogger<LoginThrottle> logger) : IDisposable
{
    private readonly HostSettings.LoginOptions _options = settings.Value.Login;
    private readonly ConcurrentDictionary<string, FixedWindowRateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait before trying again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string client, string user)
    {
        if (_options.FailuresPerWindow <= 0) return null;
        var blocked = Limiter("client:" + client).GetStatistics()?.CurrentAvailablePermits == 0
                      || Limiter("user:" + user.ToLowerInvariant()).GetStatistics()?.CurrentAvailablePermits == 0;
        return blocked ? TimeSpan.FromSeconds(_options.WindowSeconds) : null;
    }

    /// <summary>Counts a failed login against the client and the user name.</summary>
    public void Failed(string client, string user)
    {
        logger.LogWarning("Failed login for user {User} from {Client}", user, client);
        if (_options.FailuresPerWindow <= 0) return;
        using var byClient = Limiter("client:" + client).AttemptAcquire();
        using var byUser = Limiter("user:" + user.ToLowerInvariant()).AttemptAcquire();
    }

    private FixedWindowRateLimiter Limiter(string key) => _limiters.GetOrAdd(key, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
    {
        PermitLimit = _options.FailuresPerWindow,
        Window = TimeSpan.FromSeconds(Math.Max(1, _options.WindowSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    }));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values) limiter.Dispose();
    }
}

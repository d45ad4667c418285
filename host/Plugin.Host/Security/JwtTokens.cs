using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Plugin.Host.Security;

/// <summary>
/// Minimal HS256 JWTs for the admin login (<c>sub</c>, <c>iat</c>, <c>exp</c>). A full JwtBearer stack buys nothing here:
/// there is one issuer (this host) and one key, generated on first run and stored.
/// </summary>
public sealed class JwtTokens(byte[] key, TimeProvider clock, TimeSpan lifetime)
{
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    /// <summary>How long an issued token is valid.</summary>
    public TimeSpan Lifetime => lifetime;

    public string Issue(string user)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = user, ["iat"] = now, ["exp"] = now + (long)lifetime.TotalSeconds,
        }));
        var unsigned = Header + "." + payload;
        return unsigned + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)));
    }

    /// <summary>The user name of a valid, unexpired token; null otherwise.</summary>
    public string? Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
            return null;
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] signature;
        try { signature = FromBase64Url(parts[2]); }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(FromBase64Url(parts[1]));
            var root = doc.RootElement;
            if (!root.TryGetProperty("exp", out var exp) || exp.GetInt64() < clock.GetUtcNow().ToUnixTimeSeconds())
                return null;
            return root.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}

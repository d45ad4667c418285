using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Plugin.Host.Storage;

namespace Plugin.Host.Security;

/// <summary>
/// The admin account, the API token and the token signing key. Configuration wins (<c>Host:Admin:Password</c>,
/// <c>Host:ApiToken</c>); otherwise each is generated on first run, printed once, and stored (the password only as a hash).
/// </summary>
public sealed class HostSecrets
{
    private readonly string? _configuredPassword;
    private readonly string? _passwordHash;

    public HostSecrets(IOptions<HostSettings> options, HostDatabase database, TextWriter? console = null)
    {
        console ??= Console.Out;
        var o = options.Value;
        AdminUser = string.IsNullOrWhiteSpace(o.Admin.User) ? "admin" : o.Admin.User;

        if (!string.IsNullOrEmpty(o.Admin.Password))
            _configuredPassword = o.Admin.Password;
        else
        {
            _passwordHash = database.GetSetting("admin_password_hash");
            if (_passwordHash is null)
            {
                var generated = RandomToken(12);
                _passwordHash = PasswordHasher.Hash(generated);
                database.SetSetting("admin_password_hash", _passwordHash);
                console.WriteLine($"[Plugin.Host] First run: admin user '{AdminUser}', password: {generated}  (shown once; set Host:Admin:Password to choose your own)");
            }
        }

        if (!string.IsNullOrEmpty(o.ApiToken))
            ApiToken = o.ApiToken;
        else
        {
            ApiToken = database.GetSetting("api_token") ?? "";
            if (ApiToken.Length == 0)
            {
                ApiToken = RandomToken(24);
                database.SetSetting("api_token", ApiToken);
                console.WriteLine($"[Plugin.Host] First run: API token: {ApiToken}  (shown once; stored in the data folder; set Host:ApiToken to choose your own)");
            }
        }

        var key = database.GetSetting("jwt_signing_key");
        if (key is null)
        {
            key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            database.SetSetting("jwt_signing_key", key);
        }
        SigningKey = Convert.FromBase64String(key);
    }

    public string AdminUser { get; }
    public string ApiToken { get; }
    public byte[] SigningKey { get; }

    public bool CheckLogin(string? user, string? password)
    {
        if (user is null || password is null || !string.Equals(user, AdminUser, StringComparison.Ordinal))
            return false;
        if (_configuredPassword is not null)
            return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(password), System.Text.Encoding.UTF8.GetBytes(_configuredPassword));
        return _passwordHash is not null && PasswordHasher.Verify(password, _passwordHash);
    }

    public bool CheckApiKey(string? key) =>
        key is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(ApiToken));

    private static string RandomToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

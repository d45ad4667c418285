using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Plugin.Host.Storage;

namespace Plugin.Host.Security;

/// <summary>
/// The admin account, the API token and the token signing key. Configuration wins (<c>Host:Admin:Password</c>,
/// <c>Host:ApiToken</c>); otherwise each is generated on first run, printed once, and stored (the password only as a hash).
/// What was generated is also written to <see cref="FirstRunFile"/> (readable by the owner only), so a user who missed the
/// console line can still log in; the start-up banner says where it is.
/// </summary>
public sealed class HostSecrets
{
    /// <summary>The file in the data folder that keeps the generated first-run password and token.</summary>
    public const string FirstRunFileName = "first-run-credentials.txt";

    private readonly string? _configuredPassword;
    private readonly string? _passwordHash;

    public HostSecrets(IOptions<HostSettings> options, HostDatabase database, TextWriter? console = null)
    {
        console ??= Console.Out;
        var o = options.Value;
        AdminUser = string.IsNullOrWhiteSpace(o.Admin.User) ? "admin" : o.Admin.User;
        FirstRunFile = Path.Combine(database.DataDir, FirstRunFileName);
        var generated = new List<string>();

        if (!string.IsNullOrEmpty(o.Admin.Password))
            _configuredPassword = o.Admin.Password;
        else
        {
            _passwordHash = database.GetSetting("admin_password_hash");
            if (_passwordHash is null)
            {
                var password = RandomToken(12);
                var hash = PasswordHasher.Hash(password);
                // AddSetting: a host that started at the same time on the same database may have stored its own first;
                // then that one holds and its host printed it.
                _passwordHash = database.AddSetting("admin_password_hash", hash);
                if (_passwordHash == hash)
                {
                    console.WriteLine($"[Plugin.Host] First run: admin user '{AdminUser}', password: {password}  (also written to {FirstRunFile}; set Host:Admin:Password to choose your own)");
                    generated.Add($"admin user: {AdminUser}");
                    generated.Add($"admin password: {password}");
                }
            }
        }

        ApiTokenConfigured = !string.IsNullOrEmpty(o.ApiToken);
        if (ApiTokenConfigured)
            ApiToken = o.ApiToken!;
        else
        {
            ApiToken = database.GetSetting("api_token") ?? "";
            if (ApiToken.Length == 0)
            {
                var token = RandomToken(24);
                ApiToken = database.AddSetting("api_token", token);
                if (ApiToken == token)
                {
                    console.WriteLine($"[Plugin.Host] First run: API token: {ApiToken}  (also written to {FirstRunFile}; set Host:ApiToken to choose your own)");
                    generated.Add($"API token: {ApiToken}");
                }
            }
        }
        if (generated.Count > 0)
            WriteFirstRunFile(generated);

        var key = database.GetSetting("jwt_signing_key")
            ?? database.AddSetting("jwt_signing_key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        SigningKey = Convert.FromBase64String(key);
    }

    public string AdminUser { get; }

    /// <summary>True when the password comes from <c>Host:Admin:Password</c>, false when it was generated at first run.</summary>
    public bool PasswordConfigured => _configuredPassword is not null;

    /// <summary>True when the API token comes from <c>Host:ApiToken</c>, false when it was generated at first run.</summary>
    public bool ApiTokenConfigured { get; }

    /// <summary>Where the generated password and token were written (<see cref="FirstRunFileName"/> in the data folder);
    /// the user may delete it once noted.</summary>
    public string FirstRunFile { get; }
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

    // Appended (a password generated now, a token generated on an earlier run, or the reverse), owner-only on Unix.
    private void WriteFirstRunFile(List<string> lines)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(FirstRunFile, options);
        writer.WriteLine($"# Generated by Plugin.Host at first run, {DateTimeOffset.UtcNow:u}. Delete this file once you have noted them.");
        foreach (var line in lines)
            writer.WriteLine(line);
    }

    private static string RandomToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

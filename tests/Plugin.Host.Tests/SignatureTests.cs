using System.IO.Compression;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using NuGet.Packaging.Signing;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Host.Trust;

namespace Plugin.Host.Tests;

/// <summary>Issue 13 point 4: NuGet signatures, with a self-signed certificate made here and packages signed here
/// (no timestamp, nothing leaves the machine).</summary>
[Trait("Category", "FaultSuite")]
public sealed class SignatureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("plugin-host-sign").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>A code-signing certificate, self-signed: its chain ends in a root no machine trusts.</summary>
    internal static X509Certificate2 SelfSigned(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false)); // code signing
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Author-signs <paramref name="nupkg"/> in place (and rewrites the feed's .sha512 beside it).</summary>
    internal static async Task SignAsync(string nupkg, X509Certificate2 certificate)
    {
        var signed = nupkg + ".signed";
        using (var options = SigningOptions.CreateFromFilePaths(nupkg, signed, overwrite: true,
                   new X509SignatureProvider(timestampProvider: null), NuGet.Common.NullLogger.Instance))
        {
            await SigningUtility.SignAsync(options, new AuthorSignPackageRequest(certificate, NuGet.Common.HashAlgorithmName.SHA256), CancellationToken.None);
        }
        File.Move(signed, nupkg, overwrite: true);
        File.WriteAllText(nupkg + ".sha512", Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(nupkg))));
    }

    private string PackUpd(string feed) =>
        PluginPackages.Pack(feed, "Upd", "1.0.0", PluginPackages.Compile("Upd", "1.0.0", TestPlugins.Versioned("Upd", "1.0.0")));

    private static string Fingerprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    [Fact]
    public async Task Signature_policy_unsigned_required_pinned_other_signer_untrusted_root_and_tampering()
    {
        using var author = SelfSigned("CN=Plugin Test Author");
        var unsigned = PackUpd(Path.Combine(_root, "unsigned"));
        var signed = PackUpd(Path.Combine(_root, "signed"));
        await SignAsync(signed, author);

        // Unsigned: fine by default, refused when signing is required.
        Assert.Null(await PackageSignatures.VerifyAsync("Upd", unsigned, new TrustOptions(), CancellationToken.None));
        var notSigned = await Assert.ThrowsAsync<PluginInstallException>(() =>
            PackageSignatures.VerifyAsync("Upd", unsigned, new TrustOptions { RequireSigned = true }, CancellationToken.None));
        Assert.Equal(PluginErrorKind.Forbidden, notSigned.Kind);
        Assert.Contains("is not signed", notSigned.Message);

        // Signed by a self-signed certificate: verified by NuGet (integrity, signature, validity); its root is not trusted here.
        var signer = await PackageSignatures.VerifyAsync("Upd", signed, new TrustOptions(), CancellationToken.None);
        Assert.NotNull(signer);
        Assert.Equal("CN=Plugin Test Author", signer.Subject);
        Assert.Equal(Fingerprint(author), signer.Fingerprint);
        Assert.Equal("Author", signer.Type);
        Assert.False(signer.TrustedRoot);

        // Required without pinning: an untrusted root is not enough.
        var untrusted = await Assert.ThrowsAsync<PluginInstallException>(() =>
            PackageSignatures.VerifyAsync("Upd", signed, new TrustOptions { RequireSigned = true }, CancellationToken.None));
        Assert.Contains("does not trust", untrusted.Message);
        Assert.Contains(Fingerprint(author), untrusted.Message);

        // Pinned: the listed fingerprint is accepted (any case, with colons), another signer is refused by name and fingerprint.
        var pinned = string.Join(":", Enumerable.Range(0, 32).Select(i => Fingerprint(author).Substring(i * 2, 2).ToLowerInvariant()));
        var accepted = await PackageSignatures.VerifyAsync("Upd", signed,
            new TrustOptions { RequireSigned = true, TrustedSigners = [TrustOptions.NormalizeFingerprint(pinned)] }, CancellationToken.None);
        Assert.Equal(Fingerprint(author), accepted!.Fingerprint);
        using var other = SelfSigned("CN=Someone Else");
        var refused = await Assert.ThrowsAsync<PluginInstallException>(() =>
            PackageSignatures.VerifyAsync("Upd", signed, new TrustOptions { TrustedSigners = [Fingerprint(other)] }, CancellationToken.None));
        Assert.Equal(PluginErrorKind.Forbidden, refused.Kind);
        Assert.Contains("'CN=Plugin Test Author'", refused.Message);
        Assert.Contains("not among Host:Plugins:TrustedSigners", refused.Message);

        // Changed after signing: NuGet's integrity check fails.
        var tampered = Path.Combine(_root, "tampered.nupkg");
        File.Copy(signed, tampered);
        using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            zip.GetEntry("package.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("package.json").Open());
            writer.Write("""{"Upd":{"name":"changed after signing"}}""");
        }
        var broken = await Assert.ThrowsAsync<PluginInstallException>(() =>
            PackageSignatures.VerifyAsync("Upd", tampered, new TrustOptions(), CancellationToken.None));
        Assert.Equal(PluginErrorKind.Corrupt, broken.Kind);
        Assert.Contains("does not verify", broken.Message);
    }

    [Fact]
    public async Task A_host_requiring_pinned_signers_installs_a_signed_package_and_shows_who_signed_it_in_the_market_and_installed_lists()
    {
        using var author = SelfSigned("CN=Plugin Test Author");
        var feed = Path.Combine(_root, "feed");
        await SignAsync(PackUpd(feed), author);
        PluginPackages.Pack(feed, "Gone", "1.0.0", PluginPackages.Compile("Gone", "1.0.0", TestPlugins.Versioned("Gone", "1.0.0")));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(_root, "data")}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=sign-token", $"--Host:Admin:Password={HostFixture.Password}", "--Logging:LogLevel:Default=Warning",
            "--Host:Plugins:RequireSigned=true", $"--Host:Plugins:TrustedSigners:0={Fingerprint(author)}",
        ];
        await using var app = await TrustTests.StartAsync(args);
        using var http = await TrustTests.LoginAsync(app);

        var market = (await http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=market"))!.OfType<JsonObject>().ToDictionary(p => p["id"]!.GetValue<string>());
        Assert.Equal("CN=Plugin Test Author", market["Upd"]["signer"]!["subject"]!.GetValue<string>());
        Assert.Equal(Fingerprint(author), market["Upd"]["signer"]!["fingerprint"]!.GetValue<string>());
        Assert.False(market["Upd"]["signer"]!["verified"]!.GetValue<bool>());
        Assert.Null(market["Gone"]["signer"]);

        using (var refused = await http.GetAsync("/api/v1/plugin/install/Gone"))
        {
            Assert.Equal(403, (int)refused.StatusCode);
            Assert.Contains("is not signed", await refused.Content.ReadAsStringAsync());
        }
        using (var install = await http.GetAsync("/api/v1/plugin/install/Upd"))
            Assert.True(install.IsSuccessStatusCode, await install.Content.ReadAsStringAsync());
        var installed = (await http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=installed"))!.OfType<JsonObject>().Single(p => p["id"]!.GetValue<string>() == "Upd");
        Assert.Equal("Active", installed["status"]!.GetValue<string>());
        var signer = installed["signer"]!;
        Assert.Equal("CN=Plugin Test Author", signer["subject"]!.GetValue<string>());
        Assert.Equal(Fingerprint(author), signer["fingerprint"]!.GetValue<string>());
        Assert.True(signer["verified"]!.GetValue<bool>());
        Assert.False(signer["trusted_root"]!.GetValue<bool>());
        await app.StopAsync();
    }
}

using NuGet.Common;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;

namespace Plugin.Host.Trust;

/// <summary>
/// Checks a package's NuGet signature with NuGet's own verifier (integrity: the signed content hash matches the archive;
/// trust and validity: signature, certificate validity and chain) and applies the admin's policy (<see cref="TrustOptions"/>).
/// Rules: an unsigned package passes unless <c>RequireSigned</c>; a signature that fails NuGet's checks is refused;
/// with <c>TrustedSigners</c> set only a listed signer passes (a listed certificate is trusted even when its chain ends in
/// a root this machine does not trust — pinning); without it a signed package whose root is untrusted passes only
/// when signing is not required (it is shown as signed, untrusted root).
/// Revocation is checked offline (the host may have no internet): a revoked certificate is only caught when the
/// machine's CRL cache knows it.
/// </summary>
public static class PackageSignatures
{
    public static async Task<PackageSigner?> VerifyAsync(string pluginId, string nupkg, TrustOptions options, CancellationToken cancellationToken)
    {
        using var reader = new PackageArchiveReader(nupkg);
        if (!await reader.IsSignedAsync(cancellationToken))
        {
            if (options.RequireSigned)
                throw Refused(pluginId, $"Plugin package {pluginId} is not signed, and this host requires signed packages (Host:Plugins:RequireSigned)");
            return null;
        }

        PrimarySignature? signature;
        try
        {
            signature = await reader.GetPrimarySignatureAsync(cancellationToken);
        }
        catch (SignatureException e)
        {
            throw new PluginInstallException(pluginId, PluginErrorKind.Corrupt, $"Plugin package {pluginId} has an unreadable signature: {e.Message}", e);
        }
        if (signature is null)
            throw new PluginInstallException(pluginId, PluginErrorKind.Corrupt, $"Plugin package {pluginId} is marked signed but has no primary signature");
        var certificate = signature.SignerInfo.Certificate
            ?? throw new PluginInstallException(pluginId, PluginErrorKind.Corrupt, $"Plugin package {pluginId} has a signature without its signer certificate");
        var signer = new PackageSigner(certificate.Subject, CertificateUtility.GetHashString(certificate, HashAlgorithmName.SHA256).ToUpperInvariant(),
            signature.Type.ToString(), TrustedRoot: true);

        // Untrusted roots are let through here and judged below by the pinning rule; everything else NuGet finds is fatal.
        var settings = new SignedPackageVerifierSettings(
            allowUnsigned: false, allowIllegal: false, allowUntrusted: true, allowIgnoreTimestamp: true, allowMultipleTimestamps: true,
            allowNoTimestamp: true, allowUnknownRevocation: true, reportUnknownRevocation: false, VerificationTarget.All,
            SignaturePlacement.Any, SignatureVerificationBehavior.IfExistsAndIsNecessary, RevocationMode.Offline);
        var verifier = new PackageSignatureVerifier([new IntegrityVerificationProvider(), new SignatureTrustAndValidityVerificationProvider()]);
        var result = await verifier.VerifySignaturesAsync(reader, settings, cancellationToken, Guid.NewGuid());
        var issues = result.Results.SelectMany(r => r.Issues).ToList();
        var errors = issues.Where(i => i.Level == NuGet.Common.LogLevel.Error).ToList();
        if (!result.IsValid || errors.Count > 0)
            throw new PluginInstallException(pluginId, PluginErrorKind.Corrupt,
                $"Plugin package {pluginId} has a signature that does not verify: {string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}").DefaultIfEmpty("invalid signature"))}");
        if (issues.Any(i => i.Code == NuGetLogCode.NU3018))
            signer = signer with { TrustedRoot = false };

        if (options.TrustedSigners.Count > 0)
        {
            if (!options.TrustedSigners.Contains(signer.Fingerprint, StringComparer.OrdinalIgnoreCase))
                throw Refused(pluginId,
                    $"Plugin package {pluginId} is signed by '{signer.Subject}' (SHA-256 {signer.Fingerprint}), which is not among Host:Plugins:TrustedSigners");
        }
        else if (!signer.TrustedRoot && options.RequireSigned)
        {
            throw Refused(pluginId,
                $"Plugin package {pluginId} is signed by '{signer.Subject}' (SHA-256 {signer.Fingerprint}), whose certificate chain ends in a root this machine does not trust; add the fingerprint to Host:Plugins:TrustedSigners to accept it");
        }
        return signer;
    }

    /// <summary>The signer a package names, read without verifying (the market's cards, before install); null when unsigned
    /// or unreadable. Cached by file and write time: the market lists every package on each request.</summary>
    public static PackageSigner? ReadSigner(string? nupkg)
    {
        if (nupkg is null || !File.Exists(nupkg))
            return null;
        var written = File.GetLastWriteTimeUtc(nupkg);
        if (Signers.TryGetValue(nupkg, out var cached) && cached.Written == written)
            return cached.Signer;
        PackageSigner? signer = null;
        try
        {
            using var reader = new PackageArchiveReader(nupkg);
            if (reader.IsSignedAsync(CancellationToken.None).GetAwaiter().GetResult()
                && reader.GetPrimarySignatureAsync(CancellationToken.None).GetAwaiter().GetResult() is { SignerInfo.Certificate: { } certificate } signature)
            {
                signer = new PackageSigner(certificate.Subject, CertificateUtility.GetHashString(certificate, HashAlgorithmName.SHA256).ToUpperInvariant(),
                    signature.Type.ToString(), TrustedRoot: false, Verified: false);
            }
        }
        catch (Exception e) when (e is SignatureException or InvalidDataException or IOException or PackagingException)
        {
            signer = null;
        }
        Signers[nupkg] = (written, signer);
        return signer;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime Written, PackageSigner? Signer)> Signers =
        new(StringComparer.Ordinal);

    private static PluginInstallException Refused(string pluginId, string message) => new(pluginId, PluginErrorKind.Forbidden, message);
}

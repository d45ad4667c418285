using Microsoft.CodeAnalysis;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Market;

namespace Plugin.Host.Packages.Tests;

/// <summary>
/// Two temp folder feeds of real packages, built once per test run. Each test gets its own data folder via <see cref="NewData"/>.
/// </summary>
public sealed class FeedFixture : IDisposable
{
    public FeedFixture()
    {
        Root = Directory.CreateTempSubdirectory("plugin-packages-tests").FullName;
        Feed = Path.Combine(Root, "feed");
        Feed2 = Path.Combine(Root, "feed2");

        var side1 = TestPackages.CompileLibrary("SideLib", "1.0.0");
        var side2 = TestPackages.CompileLibrary("SideLib", "2.0.0");
        TestPackages.Pack(Feed, "SideLib", "1.0.0", new Dictionary<string, byte[]> { ["lib/net10.0/SideLib.dll"] = side1 }, plugin: false);
        TestPackages.Pack(Feed, "SideLib", "2.0.0", new Dictionary<string, byte[]> { ["lib/net10.0/SideLib.dll"] = side2 }, plugin: false);
        TestPackages.Pack(Feed, "NotAPlugin", "1.0.0", new Dictionary<string, byte[]> { ["lib/net10.0/NotAPlugin.dll"] = TestPackages.CompileLibrary("NotAPlugin", "1.0.0") }, plugin: false);

        var side1Ref = MetadataReference.CreateFromImage(side1);
        var side2Ref = MetadataReference.CreateFromImage(side2);
        foreach (var version in new[] { "1.0.0", "1.1.0" })
            TestPackages.PackPlugin(Feed, "AlphaPlugin", version,
                TestPackages.CompilePlugin("AlphaPlugin", version, "SideLib.Info.Text", references: side1Ref),
                [("SideLib", "[1.0.0, 2.0.0)")], level: 2);
        TestPackages.PackPlugin(Feed, "BetaPlugin", "1.0.0",
            TestPackages.CompilePlugin("BetaPlugin", "1.0.0", "SideLib.Info.Text", references: side2Ref), [("SideLib", "2.0.0")]);
        TestPackages.PackPlugin(Feed, "PlainPlugin", "1.0.0", TestPackages.CompilePlugin("PlainPlugin", "1.0.0"));

        // Gamma 2.0.0 is damaged in transit: no .sha512 beside it, so only the archive check can catch it.
        TestPackages.PackPlugin(Feed, "GammaPlugin", "1.0.0", TestPackages.CompilePlugin("GammaPlugin", "1.0.0"));
        var random = new byte[64 * 1024];
        new Random(42).NextBytes(random);
        var gamma2 = TestPackages.Pack(Feed, "GammaPlugin", "2.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/GammaPlugin.dll"] = TestPackages.CompilePlugin("GammaPlugin", "2.0.0"),
            ["blob.bin"] = random,
            ["package.json"] = System.Text.Encoding.UTF8.GetBytes(TestPackages.EntryJson("GammaPlugin", "2.0.0")),
        }, writeSha512: false);
        CorruptInside(gamma2, random);

        // Delta 2.0.0 is a valid archive whose published hash does not match.
        TestPackages.PackPlugin(Feed, "DeltaPlugin", "1.0.0", TestPackages.CompilePlugin("DeltaPlugin", "1.0.0"));
        var delta2 = TestPackages.PackPlugin(Feed, "DeltaPlugin", "2.0.0", TestPackages.CompilePlugin("DeltaPlugin", "2.0.0"));
        File.WriteAllText(delta2 + ".sha512", Convert.ToBase64String(new byte[64]));

        TestPackages.AddEntry(TestPackages.PackPlugin(Feed, "SlipPlugin", "1.0.0", TestPackages.CompilePlugin("SlipPlugin", "1.0.0")), "../../evil.txt", "pwned");
        TestPackages.AddEntry(TestPackages.PackPlugin(Feed, "EncodedSlipPlugin", "1.0.0", TestPackages.CompilePlugin("EncodedSlipPlugin", "1.0.0")), "%2E%2E/%2E%2E/evil.txt", "pwned");
        TestPackages.AddEntry(TestPackages.PackPlugin(Feed, "RootedPlugin", "1.0.0", TestPackages.CompilePlugin("RootedPlugin", "1.0.0")), "/tmp/evil.txt", "pwned");

        // SDK majors: one asks for Plugin.Sdk 2.x in its nuspec, one was compiled against a Plugin.Sdk 2.0.0.0 assembly
        // while its nuspec claims 1.0.0, one declares SDK 2.0.0 in its manifest.
        TestPackages.Pack(Feed, "NewSdkPlugin", "1.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/NewSdkPlugin.dll"] = TestPackages.CompilePlugin("NewSdkPlugin", "1.0.0"),
        }, dependencies: [("Plugin.Sdk", "[2.0.0, 3.0.0)")]);
        var fakeSdk2 = TestPackages.Compile("Plugin.Sdk", "2.0.0.0", """
            namespace Plugin.Sdk.Manifest
            {
                [System.AttributeUsage(System.AttributeTargets.Assembly)]
                public sealed class PluginManifestAttribute : System.Attribute { public PluginManifestAttribute(System.Type t) { } }
                public interface IPluginManifest { string SdkVersion { get; } }
            }
            """);
        TestPackages.PackPlugin(Feed, "OldRefPlugin", "1.0.0", TestPackages.Compile("OldRefPlugin", "1.0.0", """
            [assembly: Plugin.Sdk.Manifest.PluginManifest(typeof(OldRef.M))]
            namespace OldRef { public sealed class M : Plugin.Sdk.Manifest.IPluginManifest { public string SdkVersion => "2.0.0"; } }
            """, Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(fakeSdk2)));
        TestPackages.PackPlugin(Feed, "FutureManifestPlugin", "1.0.0", TestPackages.CompilePlugin("FutureManifestPlugin", "1.0.0", sdkVersion: "2.0.0"));
        // SDK minors: built against a newer 1.x than the host's (its generated code may call members the host lacks).
        TestPackages.Pack(Feed, "NewerMinorPlugin", "1.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/NewerMinorPlugin.dll"] = TestPackages.CompilePlugin("NewerMinorPlugin", "1.0.0"),
        }, dependencies: [("Plugin.Sdk", "1.99.0")]);
        TestPackages.PackPlugin(Feed, "NewerMinorManifestPlugin", "1.0.0", TestPackages.CompilePlugin("NewerMinorManifestPlugin", "1.0.0", sdkVersion: "1.99.0"));
        TestPackages.PackPlugin(Feed, "ThrowingPlugin", "1.0.0",
            TestPackages.CompilePlugin("ThrowingPlugin", "1.0.0", manifestConstructor: "throw new InvalidOperationException(\"boom at load\");"));

        // The host's own libraries: Newtonsoft.Json 13.0.x is in this process (NuGet.Protocol uses it). A plugin asking for
        // 13.0.1 shares the host's copy; one asking for 99.0.0 gets its own from the feed.
        TestPackages.PackPlugin(Feed, "HostDepPlugin", "1.0.0",
            TestPackages.CompilePlugin("HostDepPlugin", "1.0.0", "typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version.ToString()",
                references: MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location)),
            [("Newtonsoft.Json", "13.0.1"), ("System.Text.Json", "8.0.0"), ("Microsoft.Extensions.Logging.Abstractions", "8.0.0")]);
        var fakeJson = TestPackages.Compile("Newtonsoft.Json", "99.0.0", "namespace Newtonsoft.Json { public static class Fake { public static string Text => \"fake 99\"; } }");
        TestPackages.Pack(Feed, "Newtonsoft.Json", "99.0.0", new Dictionary<string, byte[]> { ["lib/net10.0/Newtonsoft.Json.dll"] = fakeJson }, plugin: false);
        TestPackages.PackPlugin(Feed, "NewerLibPlugin", "1.0.0",
            TestPackages.CompilePlugin("NewerLibPlugin", "1.0.0", "Newtonsoft.Json.Fake.Text", references: MetadataReference.CreateFromImage(fakeJson)),
            [("Newtonsoft.Json", "99.0.0")]);

        // Dependencies that cannot be met: an id no feed has, a range no version satisfies.
        TestPackages.PackPlugin(Feed, "OrphanPlugin", "1.0.0", TestPackages.CompilePlugin("OrphanPlugin", "1.0.0"), [("MissingLib", "1.0.0")]);
        TestPackages.PackPlugin(Feed, "TooNewDepPlugin", "1.0.0", TestPackages.CompilePlugin("TooNewDepPlugin", "1.0.0"), [("SideLib", "3.0.0")]);

        // Uses SideLib only when Late() is called, long after load.
        foreach (var version in new[] { "1.0.0", "1.1.0" })
            TestPackages.PackPlugin(Feed, "LatePlugin", version,
                TestPackages.CompilePlugin("LatePlugin", version, extraMembers: "public static string Late() => SideLib.Info.Text;", references: side1Ref),
                [("SideLib", "[1.0.0, 2.0.0)")]);

        // Satellite assemblies in culture folders, in the plugin and in a dependency: same file names, different folders.
        var satellite = TestPackages.CompileLibrary("Satellite", "1.0.0");
        TestPackages.Pack(Feed, "CultureLib", "1.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/CultureLib.dll"] = TestPackages.CompileLibrary("CultureLib", "1.0.0"),
            ["lib/net10.0/de/CultureLib.resources.dll"] = satellite,
            ["lib/net10.0/fr/CultureLib.resources.dll"] = satellite,
        }, plugin: false);
        TestPackages.Pack(Feed, "CulturePlugin", "1.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/CulturePlugin.dll"] = TestPackages.CompilePlugin("CulturePlugin", "1.0.0"),
            ["lib/net10.0/de/CulturePlugin.resources.dll"] = satellite,
            ["lib/net10.0/fr/CulturePlugin.resources.dll"] = satellite,
            ["package.json"] = System.Text.Encoding.UTF8.GetBytes(TestPackages.EntryJson("CulturePlugin", "1.0.0")),
        }, dependencies: [("Plugin.Sdk", "1.0.0"), ("CultureLib", "1.0.0")]);

        // Newest version across feeds: Epsilon 1.0.0 here, 2.0.0 on the second feed.
        TestPackages.PackPlugin(Feed, "EpsilonPlugin", "1.0.0", TestPackages.CompilePlugin("EpsilonPlugin", "1.0.0"));
        TestPackages.PackPlugin(Feed2, "EpsilonPlugin", "2.0.0", TestPackages.CompilePlugin("EpsilonPlugin", "2.0.0"));
    }

    public string Root { get; }
    public string Feed { get; }
    public string Feed2 { get; }

    public HostAssemblies Host { get; } = new();

    public PluginPackagesOptions NewData(params string[] feeds) => new()
    {
        DataDir = Path.Combine(Root, "data-" + Guid.NewGuid().ToString("N")[..8]),
        Feeds = feeds.Length == 0 ? [Feed] : feeds,
    };

    public NuGetPluginInstaller Installer(PluginPackagesOptions options) => new(new PackageFeeds(options), options, Host);

    public NuGetPluginMarket Market(PluginPackagesOptions options) => Market(options, out _);

    public NuGetPluginMarket Market(PluginPackagesOptions options, out ListLogger<NuGetPluginMarket> log) =>
        new(new PackageFeeds(options), options, log = new ListLogger<NuGetPluginMarket>());

    public PluginLoader Loader() => new(Host);

    /// <summary>Flips bytes in the middle of the incompressible blob (stored verbatim by deflate), so only CRC/length checks see it.</summary>
    private static void CorruptInside(string nupkg, byte[] blob)
    {
        var bytes = File.ReadAllBytes(nupkg);
        var at = bytes.AsSpan().IndexOf(blob.AsSpan(1000, 64));
        if (at < 0)
            throw new InvalidOperationException("blob not found verbatim in the package");
        for (var i = 0; i < 16; i++)
            bytes[at + 100 + i] ^= 0xFF;
        File.WriteAllBytes(nupkg, bytes);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class FeedCollection : ICollectionFixture<FeedFixture>
{
    public const string Name = "feed";
}

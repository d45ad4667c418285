using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Runtime;
using Plugin.Sdk.Manifest;

namespace Plugin.Music.Management;

/// <summary>
/// How C# sources that come and go at run time enter the engine: each is registered under an owner key (Plugin.Host
/// uses the id of the plugin whose package brought it) and shows as kind <c>csharp</c> with that <c>owner</c>. When to
/// register, unregister or forget is the owner's side's decision; the engine only keeps, per platform, the settings of
/// an unregistered source until its owner registers it again or forgets it.
/// </summary>
public sealed class MusicSourceRegistrar(MusicSourceCatalog catalog, MusicSourceOptions options, ILogger<MusicSourceRegistrar>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>
    /// Registers the source <paramref name="descriptor"/> describes under <paramref name="owner"/>. One source per
    /// platform: when another source holds the platform — an installed JavaScript plugin, a source the host registered
    /// itself, another owner's source — this one is refused and the holder kept (the message says which). The same
    /// owner registering the platform again replaces its earlier instance; variables and the enabled switch saved for
    /// the platform under this owner return.
    /// </summary>
    public async Task<MusicInstallResult> RegisterAsync(string owner, MusicSourceDescriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(descriptor);
        await catalog.InitializeAsync(cancellationToken).ConfigureAwait(false);
        ClrMusicSource runtime;
        try
        {
            // Plugin code: a constructor or manifest that throws is the plugin's failure, reported, never the host's.
            runtime = new ClrMusicSource(descriptor.Create(), descriptor.Manifest(), options, descriptor.Functions);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "C# music source {Type} of plugin {Owner} could not be created", descriptor.TypeName, owner);
            return new MusicInstallResult(MusicInstallStatus.Failed, null, null,
                $"music source {descriptor.TypeName} of plugin {owner} could not be created: {e.GetType().Name}: {e.Message}");
        }
        var platform = runtime.Manifest.Platform;
        var version = runtime.Manifest.Version;
        if (string.IsNullOrWhiteSpace(platform))
        {
            runtime.Dispose();
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, version, $"music source {descriptor.TypeName} of plugin {owner} has no platform name");
        }
        if (catalog.TryRegisterClr(owner, runtime) is { } holder)
        {
            var message = $"music source '{platform}' ({descriptor.TypeName}) of plugin {owner} is not registered: the platform is taken by {holder} " +
                          "(one source per platform; uninstall that one, or rename the platform, to use this one)";
            _logger.LogWarning("{Message}", message);
            runtime.Dispose();
            return new MusicInstallResult(MusicInstallStatus.Refused, platform, version, message);
        }
        _logger.LogInformation("C# music source {Platform} {Version} of plugin {Owner} registered", platform, version, owner);
        return new MusicInstallResult(MusicInstallStatus.Installed, platform, version, $"registered '{platform}' {version} of plugin {owner}");
    }

    /// <summary>
    /// Takes out and disposes every source <paramref name="owner"/> registered, so nothing here keeps its types (and a
    /// collectible load context) alive. Their settings are kept for the owner's return. Returns the platforms taken out.
    /// </summary>
    public Task<IReadOnlyList<string>> UnregisterAsync(string owner, CancellationToken cancellationToken = default) =>
        RemoveAsync(owner, forget: false, cancellationToken);

    /// <summary>Like <see cref="UnregisterAsync"/>, and deletes every setting saved for <paramref name="owner"/>'s sources.</summary>
    public Task<IReadOnlyList<string>> ForgetAsync(string owner, CancellationToken cancellationToken = default) =>
        RemoveAsync(owner, forget: true, cancellationToken);

    private async Task<IReadOnlyList<string>> RemoveAsync(string owner, bool forget, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await catalog.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var removed = catalog.UnregisterClr(owner, forget);
        foreach (var (platform, runtime) in removed)
        {
            try { runtime?.Dispose(); }
            catch (Exception e) { _logger.LogWarning(e, "C# music source {Platform} of plugin {Owner} failed to dispose", platform, owner); }
        }
        if (removed.Count > 0)
            _logger.LogInformation("C# music source(s) {Platforms} of plugin {Owner} removed", string.Join(", ", removed.Select(r => r.Platform)), owner);
        return removed.Select(r => r.Platform).ToList();
    }

    /// <summary>Creates the C# sources the host registered itself (services), skipping and logging one that throws.</summary>
    internal static List<ClrMusicSource> CreateHostSources(IEnumerable<MusicSourceRegistration> registrations, IServiceProvider? services,
        MusicSourceOptions options, ILogger logger)
    {
        var created = new List<ClrMusicSource>();
        foreach (var registration in registrations)
        {
            try
            {
                created.Add(new ClrMusicSource(registration.Factory(services ?? EmptyServices.Instance), registration.Manifest, options, registration.Functions));
            }
            catch (Exception e)
            {
                logger.LogError(e, "C# music source {Type} could not be created", registration.TypeName);
            }
        }
        return created;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Management;
using Plugin.Music.Runtime;

namespace Plugin.Music.Tests;

/// <summary>The engine's management types over one data directory, wired as AddMusicSources wires them.</summary>
internal sealed class MusicEngine : IDisposable
{
    public MusicEngine(MusicSourceOptions options, HttpClient http, IEnumerable<MusicSourceRegistration>? registrations = null,
        IServiceProvider? services = null)
    {
        Catalog = new MusicSourceCatalog(options, http, NullLogger<MusicSourceCatalog>.Instance, registrations, services);
        Installer = new JsPluginInstaller(Catalog, options, http, NullLogger<JsPluginInstaller>.Instance);
        Registrar = new MusicSourceRegistrar(Catalog, options, NullLogger<MusicSourceRegistrar>.Instance);
    }

    public MusicSourceCatalog Catalog { get; }

    public JsPluginInstaller Installer { get; }

    public MusicSourceRegistrar Registrar { get; }

    public void Dispose() => Catalog.Dispose();
}

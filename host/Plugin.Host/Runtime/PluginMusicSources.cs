using Plugin.Music.Management;

namespace Plugin.Host.Runtime;

/// <summary>
/// Puts the C# music sources of installed plugin packages into the music engine (<see cref="MusicPluginManager"/>, kind
/// "csharp", owned by the carrying plugin's id) while that plugin is active, and takes them out when it is disabled,
/// stopped, reloaded, updated or uninstalled — before its load context unloads, so the engine holds none of its types.
/// <para>
/// One source per platform: a source whose platform is already taken (an installed JavaScript plugin, a source the host
/// registered itself, another plugin's source) is refused and the existing one kept. The refusal is logged by the
/// engine and shown on the plugin as its <see cref="PluginEntry.Error"/> (the plugin itself stays active).
/// </para>
/// </summary>
public sealed class PluginMusicSources(MusicPluginManager music, ILogger<PluginMusicSources> logger) : IPluginLifecycleListener
{
    public async Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        if (entry.MusicSources is not { Count: > 0 } sources)
            return;
        if (!entry.IsActive)
        {
            await RemoveAsync(entry.Id, forget: false, cancellationToken);
            return;
        }
        var refused = new List<string>();
        foreach (var descriptor in sources)
        {
            try
            {
                var result = await music.AddClrSourceAsync(entry.Id, descriptor, cancellationToken);
                if (!result.Succeeded)
                    refused.Add(result.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The music engine failing (e.g. an unreadable plugins.json) must not fail the plugin's start.
                logger.LogError(e, "Music source {Type} of plugin {PluginId} could not be registered", descriptor.TypeName, entry.Id);
                refused.Add($"music source {descriptor.TypeName} could not be registered: {e.Message}");
            }
        }
        if (refused.Count > 0)
            entry.Error = string.Join("; ", refused);
    }

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken) =>
        RemoveAsync(pluginId, forget: false, cancellationToken);

    public Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken) =>
        RemoveAsync(pluginId, forget: true, cancellationToken);

    private async Task RemoveAsync(string pluginId, bool forget, CancellationToken cancellationToken)
    {
        try
        {
            await music.RemoveClrSourcesAsync(pluginId, forget, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Music sources of plugin {PluginId} could not be removed", pluginId);
        }
    }
}

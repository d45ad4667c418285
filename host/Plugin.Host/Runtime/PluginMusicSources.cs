using Plugin.Music.Management;

namespace Plugin.Host.Runtime;

/// <summary>
/// Decides when the C# music sources of installed plugin packages are in the music engine, and drives its
/// <see cref="MusicSourceRegistrar"/> with the plugin's id as the owner key:
/// <list type="bullet">
/// <item>registered while the plugin is <b>active</b> (after a start, config save, reset or reload that leaves it active);</item>
/// <item>unregistered, with their variables and enabled switch kept for the plugin's return, when it is disabled,
/// stopped, reloaded or updated — before its load context unloads, so the engine holds none of its types;</item>
/// <item>forgotten, settings and all, when the plugin is uninstalled.</item>
/// </list>
/// One source per platform: a source whose platform is already taken (an installed JavaScript plugin, a source the host
/// registered itself, another plugin's source) is refused by the engine and the existing one kept; the refusal is shown
/// on the plugin as its <see cref="PluginEntry.Error"/> (the plugin itself stays active).
/// </summary>
public sealed class PluginMusicSources(MusicSourceRegistrar music, ILogger<PluginMusicSources> logger) : IPluginLifecycleListener
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
                var result = await music.RegisterAsync(entry.Id, descriptor, cancellationToken);
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
            if (forget)
                await music.ForgetAsync(pluginId, cancellationToken);
            else
                await music.UnregisterAsync(pluginId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Music sources of plugin {PluginId} could not be removed", pluginId);
        }
    }
}

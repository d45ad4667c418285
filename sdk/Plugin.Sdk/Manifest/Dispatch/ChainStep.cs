using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

/// <summary>One call into a plugin during a chain event: a chain handler, or the plugin's declared contributions.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChainStep
{
    internal ChainStep(ChainParticipant participant, ChainHandlerDescriptor? handler, string operation)
    {
        Participant = participant;
        Handler = handler;
        Operation = operation;
    }

    /// <summary>The plugin this step calls.</summary>
    public ChainParticipant Participant { get; }

    /// <summary>The handler to run, or null when this step adds the plugin's declared contributions.</summary>
    public ChainHandlerDescriptor? Handler { get; }

    /// <summary>The step described for logs and error messages, e.g. <c>chain handler OnRename (transfer.rename)</c>.</summary>
    public string Operation { get; }

    /// <summary>
    /// Runs the plugin code of this step. A handler runs on <paramref name="chainEvent"/> and null is returned. Declared
    /// contributions are only built here (a filter UI or a storage provider is plugin code) and returned for the caller
    /// to apply with <see cref="ChainContribution.ApplyTo"/>: a call abandoned at its time limit must never change the
    /// shared data afterwards.
    /// </summary>
    public async ValueTask<ChainContribution?> RunAsync(PluginChainEvent chainEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainEvent);
        if (Handler is not null)
        {
            await Handler.Invoke(Participant.Plugin, chainEvent, cancellationToken).ConfigureAwait(false);
            return null;
        }
        return ChainContribution.Build(Participant, chainEvent.Type, chainEvent.Data);
    }
}

using Microsoft.Extensions.Options;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>The outcome of a user message: what was done and the replies plugins posted meanwhile.</summary>
public sealed record MessageOutcome(bool Success, string Message, IReadOnlyList<Notification> Replies);

/// <summary>
/// A user message, as MoviePilot's message chain treats it: <c>/cmd args</c> runs the enabled plugin command of that name,
/// <c>[PLUGIN]Id|data</c> goes to the plugin's matching message action handlers, anything else is raised as a
/// <see cref="EventType.UserMessage"/> event. Replies are collected through the current <see cref="Conversation"/>.
/// </summary>
public sealed class MessageRouter(PluginCatalog catalog, PluginInvoker invoker, EventDispatcher dispatcher, IOptions<RuntimeOptions> options)
{
    private TimeSpan CallLimit => RuntimeOptions.Limit(options.Value.CallTimeoutSeconds);

    public async Task<MessageOutcome> HandleAsync(string text, string? userId, string? channel, string? source, CancellationToken cancellationToken)
    {
        var conversation = new Conversation(userId, channel);
        using (conversation.Enter())
        {
            var (success, message) = await RouteAsync(conversation, text.Trim(), source, cancellationToken);
            return new MessageOutcome(success, message, conversation.Replies.ToList());
        }
    }

    private async Task<(bool, string)> RouteAsync(Conversation conversation, string text, string? source, CancellationToken cancellationToken)
    {
        if (MessageCallbacks.TryParse(text, out var pluginId, out var data))
            return await RunMessageActionAsync(conversation, pluginId, data, source, cancellationToken);
        if (CommandLine.IsCommand(text))
            return await RunCommandAsync(conversation, text, source, cancellationToken);
        await dispatcher.PublishAsync(EventType.UserMessage, new UserMessageEventData
        {
            Text = text, Userid = conversation.UserId, Channel = conversation.Channel, Source = source,
        }, null, cancellationToken);
        return (true, "Message received.");
    }

    private async Task<(bool, string)> RunCommandAsync(Conversation conversation, string text, string? source, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(text);
        var cmd = line.Command;
        foreach (var entry in catalog.Active)
        {
            if (entry is not { Descriptor: { } d, Instance: { } instance })
                continue;
            var command = line.FindIn(d.Commands);
            if (command is null)
                continue;
            var context = new CommandContext(cmd, line.Arguments, command.Data, conversation.UserId, conversation.Channel, source,
                (message, ct) => Reply(entry, message, ct));
            (bool, string) outcome;
            try
            {
                await invoker.InvokeAsync(entry.Id, $"command {cmd}", CallLimit, ct => command.Invoke(instance, context, ct), cancellationToken);
                outcome = (true, $"Command {cmd} ran ({entry.Id}).");
            }
            catch (PluginCallException e)
            {
                outcome = (false, e.Message);
            }
            // MoviePilot's plugin commands are PluginAction events: ported handlers of it (this plugin's or others') run too.
            await dispatcher.PublishAsync(EventType.PluginAction, CommandLine.ActionEvent(command, context), entry.Id, cancellationToken);
            return outcome;
        }
        return (false, $"Unknown command {cmd}.");
    }

    private async Task<(bool, string)> RunMessageActionAsync(Conversation conversation, string pluginId, string data, string? source,
        CancellationToken cancellationToken)
    {
        var entry = catalog.Find(pluginId);
        if (entry is not { IsActive: true, Descriptor: { } d, Instance: { } instance })
            return (false, $"Plugin {pluginId} is not installed or not enabled.");
        // Plugins that listen to the raw event (the seed's style) get it too.
        await dispatcher.PublishAsync(EventType.MessageAction,
            MessageCallbacks.EventData(entry.Id, data, conversation.UserId, conversation.Channel, source), null, cancellationToken);
        var handlers = MessageCallbacks.HandlersFor(d.MessageActions, data);
        if (handlers.Count == 0)
            return (false, $"Plugin {entry.Id} has no message action for '{data}'.");
        var errors = new List<string>();
        foreach (var handler in handlers)
        {
            var context = new MessageActionContext(entry.Id, data, conversation.UserId, conversation.Channel, source, null, null,
                (message, ct) => Reply(entry, message, ct));
            try
            {
                await invoker.InvokeAsync(entry.Id, $"message action {handler.Method}", CallLimit, ct => handler.Invoke(instance, context, ct),
                    cancellationToken);
            }
            catch (PluginCallException e)
            {
                errors.Add(e.Message);
            }
        }
        return errors.Count == 0 ? (true, $"Message action handled by {entry.Id}.") : (false, string.Join(" ", errors));
    }

    // Replies go through the plugin's own sender, so they reach the outbox and this conversation (current in this async flow) alike.
    private static Task Reply(PluginEntry entry, Notification message, CancellationToken cancellationToken) =>
        entry.Context?.Messages.PostAsync(message, cancellationToken) ?? Task.CompletedTask;
}

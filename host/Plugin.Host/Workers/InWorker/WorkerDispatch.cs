using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Music;
using Plugin.Sdk.Ui;
using static Plugin.Host.Workers.Protocol.WorkerWire;

namespace Plugin.Host.Workers.InWorker;

/// <summary>Finds the descriptor a <see cref="WorkerCall"/> names and calls it with the deserialised argument; the
/// answer is written as <see cref="WorkerWire"/> says for that point.</summary>
internal static class WorkerDispatch
{
    public static async Task<JsonElement?> CallAsync(WorkerEndpoint worker, IPlugin plugin, PluginDescriptor descriptor, WorkerCall call,
        CancellationToken ct)
    {
        var i = call.Index;
        switch (call.Point)
        {
            case WorkerPoints.Api:
            {
                var a = FromJson<ApiCall>(call.Argument);
                var request = new ApiRequest(a.Method, a.Path, new Dictionary<string, string[]>(a.Query, StringComparer.OrdinalIgnoreCase),
                    new Dictionary<string, string>(a.Headers, StringComparer.OrdinalIgnoreCase), a.Body, a.User);
                var result = await descriptor.Apis[i].Invoke(plugin, request, ct);
                return result is null ? null : JsonDocument.Parse(ApiResponseRule.Serialize(result)).RootElement.Clone();
            }
            case WorkerPoints.Command:
            {
                var c = FromJson<CommandCall>(call.Argument);
                await descriptor.Commands[i].Invoke(plugin, new CommandContext(c.Cmd, c.Args, c.Data, c.UserId, c.Channel, c.Source,
                    (message, token) => worker.Host.ReplyAsync(c.ReplyId, ToJson(message), token)), ct);
                return null;
            }
            case WorkerPoints.MessageAction:
            {
                var m = FromJson<MessageActionCall>(call.Argument);
                await descriptor.MessageActions[i].Invoke(plugin, new MessageActionContext(m.PluginId, m.Data, m.UserId, m.Channel, m.Source,
                    m.OriginalMessageId, m.OriginalChatId, (message, token) => worker.Host.ReplyAsync(m.ReplyId, ToJson(message), token)), ct);
                return null;
            }
            case WorkerPoints.Service:
                await descriptor.Services[i].Invoke(plugin, ct);
                return null;
            case WorkerPoints.ServiceCron:
                return ToJson(descriptor.Services[i].ReadCron!(plugin));
            case WorkerPoints.Event:
            {
                var e = FromJson<EventCall>(call.Argument);
                var data = EventTypes.Deserialize(e.Type, JsonNode.Parse(e.Data.GetRawText()));
                await descriptor.EventHandlers[i].Invoke(plugin, new PluginEvent(e.Type, data), ct);
                return null;
            }
            case WorkerPoints.Chain:
            {
                var c = FromJson<ChainCall>(call.Argument);
                var data = EventTypes.Deserialize(c.Type, JsonNode.Parse(c.Data.GetRawText()));
                await descriptor.ChainHandlers[i].Invoke(plugin, new PluginChainEvent(c.Type, data), ct);
                return ToJson((object)data);
            }
            case WorkerPoints.Module:
            {
                var m = FromJson<ModuleCallWire>(call.Argument);
                var result = await descriptor.ModuleOverrides[i].Invoke(plugin, new ModuleCall(m.Method, m.Arguments), ct);
                return result is null ? null : ToJson(result);
            }
            case WorkerPoints.Workflow:
            {
                var context = FromJson<ActionContext>(call.Argument);
                var result = await descriptor.WorkflowActions[i].Invoke(plugin, context, ct);
                return ToJson(new ActionResultWire(result.Success, ToJson(result.Context), result.Message));
            }
            case WorkerPoints.Dashboard:
            {
                var view = await descriptor.Dashboards[i].Render(plugin, FromJson<DashboardRequest>(call.Argument), ct);
                return ToJson(new DashboardWire(view.Elements, view.Cols, view.Md, view.Refresh, view.Border, view.Title, view.Subtitle, view.RenderMode));
            }
            case WorkerPoints.Form:
            {
                var form = plugin.GetForm();
                return ToJson(new FormWire([.. form.Conf], form.Model, form.RenderMode));
            }
            case WorkerPoints.Page:
            {
                var page = await plugin.GetPageAsync(ct);
                return page is null ? null : ToJson(page.ToList());
            }
            case WorkerPoints.FilterUi:
                return ToJson(descriptor.DiscoverSources[i].FilterUi!(plugin).ToList());
            case WorkerPoints.Storage:
                return await Members.CallAsync(typeof(IStorageProvider), worker.Storage(plugin, descriptor, i), FromJson<MemberCall>(call.Argument), ct);
            default:
                throw new NotSupportedException($"This worker does not know the extension point '{call.Point}'.");
        }
    }
}

/// <summary>The package's music sources: one instance per proxy the host created (<see cref="MemberCall.Instance"/>).</summary>
internal static class WorkerMusic
{
    public static async Task<JsonElement?> CallAsync(IReadOnlyList<MusicSourceDescriptor> sources, ConcurrentDictionary<long, IMusicSource> instances,
        WorkerCall call, CancellationToken ct)
    {
        var member = FromJson<MemberCall>(call.Argument);
        if (member.Method == WorkerPoints.MusicRelease)
        {
            if (instances.TryRemove(member.Instance, out var released) && released is IDisposable disposable)
                disposable.Dispose();
            return null;
        }
        var source = instances.GetOrAdd(member.Instance, _ => sources[call.Index].Create());
        return await Members.CallAsync(typeof(IMusicSource), source, member, ct);
    }
}

/// <summary>Calls an interface member by its C# name with JSON arguments; the cancellation token is the call's.</summary>
internal static class Members
{
    public static async Task<JsonElement?> CallAsync(Type contract, object target, MemberCall call, CancellationToken ct)
    {
        var method = contract.GetMethod(call.Method, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new NotSupportedException($"{contract.Name} has no member {call.Method}.");
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        var next = 0;
        for (var p = 0; p < parameters.Length; p++)
        {
            arguments[p] = parameters[p].ParameterType == typeof(CancellationToken)
                ? ct
                : next < call.Arguments.Count
                    ? call.Arguments[next++].Deserialize(parameters[p].ParameterType, PluginJson.Options)
                    : parameters[p].HasDefaultValue ? parameters[p].DefaultValue : null;
        }
        object? result;
        try { result = method.Invoke(target, arguments); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        if (result is Task task)
        {
            await task;
            result = method.ReturnType.IsGenericType ? method.ReturnType.GetProperty("Result")!.GetValue(task) : null;
        }
        return result is null ? null : ToJson(result);
    }
}

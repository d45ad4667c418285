using System.Text.Json;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;

namespace Plugin.Host.Workers.Bridge;

/// <summary>Answers a worker's <see cref="RecordCall"/> with the plugin's <see cref="IHostRecords"/>; the answer as JSON.</summary>
internal static class RecordCalls
{
    public delegate long Register(string pluginId, IRecordSource source);

    public delegate IRecordSource? Find(string pluginId, long handle, bool remove);

    public static async Task<string?> AnswerAsync(IHostRecords records, RecordCall call, string pluginId, Register register, Find find,
        CancellationToken ct)
    {
        var query = call.QueryJson is null ? null : JsonSerializer.Deserialize<RecordQuery>(call.QueryJson, PluginJson.Options);
        object? answer = call.Kind switch
        {
            "transfer" => call.Operation == "by-hash"
                ? await records.TransferHistory.ListByHashAsync(Text(call), ct)
                : await HistoryAsync(records.TransferHistory, call, query, ct),
            "download" => call.Operation == "by-hash"
                ? await records.DownloadHistory.GetByHashAsync(Text(call), ct)
                : await HistoryAsync(records.DownloadHistory, call, query, ct),
            "subscribe" => call.Operation switch
            {
                "by-subscribe-id" => await records.Subscriptions.GetBySubscribeIdAsync(call.Number ?? 0, ct),
                "exists" => await ExistsAsync(records.Subscriptions, call, ct),
                "history" => await records.Subscriptions.HistoryAsync(query, ct),
                _ => await HistoryAsync(records.Subscriptions, call, query, ct),
            },
            "site" => call.Operation switch
            {
                "latest" => await records.SiteUserData.LatestAsync(ct),
                "by-domain" => await records.SiteUserData.ByDomainAsync(Text(call), query, ct),
                _ => await HistoryAsync(records.SiteUserData, call, query, ct),
            },
            "message" => await HistoryAsync(records.Messages, call, query, ct),
            "event" => await HistoryAsync(records.Events, call, query, ct),
            "source" => await SourceAsync(records, call, pluginId, register, find, ct),
            _ => throw new ArgumentException($"Unknown record kind '{call.Kind}'.", nameof(call)),
        };
        return answer is null ? null : JsonSerializer.Serialize(answer, answer.GetType(), PluginJson.Options);
    }

    private static string Text(RecordCall call) => call.Text ?? throw new ArgumentException("The record call needs its text argument.", nameof(call));

    private static async Task<object?> HistoryAsync<T>(IRecordHistory<T> history, RecordCall call, RecordQuery? query, CancellationToken ct)
        where T : HostRecord => call.Operation switch
        {
            "list" => await history.ListAsync(query, ct),
            "get" => await history.GetAsync(call.Id ?? 0, ct),
            _ => throw new ArgumentException($"Unknown record operation '{call.Operation}'.", nameof(call)),
        };

    private static async Task<object?> ExistsAsync(ISubscriptions subscriptions, RecordCall call, CancellationToken ct)
    {
        // Arguments: Number = TMDB id, Text = Douban id, Id = season.
        return await subscriptions.ExistsAsync(call.Number, call.Text, call.Id is { } season ? (int)season : null, ct);
    }

    private static async Task<object?> SourceAsync(IHostRecords records, RecordCall call, string pluginId, Register register, Find find,
        CancellationToken ct)
    {
        switch (call.Operation)
        {
            case "names":
                return records.Sources;
            case "register":
                var source = records.RegisterSource(Text(call));
                return new SourceRegistration(register(pluginId, source), source.Name);
            case "dispose":
                find(pluginId, call.SourceHandle ?? 0, remove: true)?.Dispose();
                return null;
        }
        var writer = find(pluginId, call.SourceHandle ?? 0, remove: false)
            ?? throw new InvalidOperationException("The record source was disposed or its plugin stopped.");
        var json = call.RecordJson ?? throw new ArgumentException("The record call needs its record.", nameof(call));
        return call.Operation switch
        {
            "add-download" => await writer.AddDownloadAsync(Read<DownloadHistoryRecord>(json), ct),
            "add-transfer" => await writer.AddTransferAsync(Read<TransferHistoryRecord>(json), ct),
            "save-subscription" => await writer.SaveSubscriptionAsync(Read<SubscribeRecord>(json), ct),
            "save-site-user-data" => await writer.SaveSiteUserDataAsync(Read<SiteUserDataRecord>(json), ct),
            "add-message" => await writer.AddMessageAsync(Read<MessageRecord>(json), ct),
            _ => throw new ArgumentException($"Unknown record operation '{call.Operation}'.", nameof(call)),
        };
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, PluginJson.Options)
        ?? throw new ArgumentException($"A {typeof(T).Name} must be a JSON object.", nameof(json));
}

/// <summary>A record source registered for a worker's plugin: its handle on the host and its full name.</summary>
public sealed record SourceRegistration(long Handle, string Name);

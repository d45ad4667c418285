using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Plugin.Host.Api.Contracts;
using Plugin.Music.Runtime;

namespace Plugin.Host.Telemetry;

/// <summary>
/// The last hour of each plugin's calls in memory, for the stats API and page: per minute the calls, the failures and a
/// latency histogram (for p95), fed by the same instruments the exporters read (<see cref="PluginTelemetry"/>'s calls, the
/// music engine's calls), and each service's last runs. Bounded: <see cref="Minutes"/> slots per plugin, at most
/// <see cref="MaxSeries"/> plugins and services (the least recently active is dropped), <see cref="RunsKept"/> runs per
/// service. Nothing is persisted: a restart starts empty, like any in-process metric.
/// </summary>
public sealed class PluginStats : IDisposable
{
    public const int Minutes = 60;
    public const int RunsKept = 20;
    public const int MaxSeries = 500;

    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CallSeries> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Plugin, string Service), RunHistory> _runs = new();

    public PluginStats(PluginTelemetry telemetry, TimeProvider time)
    {
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // This host's meter only (another host in the process has its own); the music engine's meter is process-wide.
            var ours = ReferenceEquals(instrument.Meter, telemetry.Meter)
                && instrument.Name is PluginTelemetry.CallDuration or PluginTelemetry.ServiceRunDuration;
            if (ours || (instrument.Meter.Name == MusicTelemetry.Name && instrument.Name == MusicTelemetry.CallDuration))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Records one call directly (the listener's path; public for tests of the buckets).</summary>
    public void RecordCall(string pluginId, double seconds, string outcome)
    {
        if (outcome == CallOutcome.Cancelled)
            return;
        var series = Bounded(_calls, pluginId, _ => new CallSeries());
        series.Record(_time.GetUtcNow(), seconds, CallOutcome.IsFailure(outcome));
    }

    public void RecordRun(string pluginId, string serviceId, double seconds, string outcome)
    {
        var history = Bounded(_runs, (pluginId, serviceId), _ => new RunHistory());
        var now = _time.GetUtcNow();
        history.Add(new ServiceRun(now - TimeSpan.FromSeconds(seconds), seconds * 1000, outcome));
    }

    /// <summary>Every plugin seen in the last <see cref="Minutes"/> minutes, one bucket per minute, oldest first.</summary>
    public IReadOnlyList<PluginCallSeries> Calls()
    {
        var minute = MinuteOf(_time.GetUtcNow());
        return [.. _calls.Select(p => p.Value.Snapshot(p.Key, minute)).Where(s => s.Calls > 0).OrderBy(s => s.PluginId, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The recent runs of every service, newest first.</summary>
    public IReadOnlyList<ServiceRunHistory> Runs() =>
        [.. _runs.Select(r => new ServiceRunHistory(r.Key.Plugin, r.Key.Service, r.Value.Newest()))
            .OrderBy(r => r.PluginId, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.ServiceId, StringComparer.Ordinal)];

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? pluginId = null, serviceId = null, outcome = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "plugin_id": pluginId = tag.Value as string; break;
                case "service_id": serviceId = tag.Value as string; break;
                case "outcome": outcome = tag.Value as string; break;
            }
        }
        if (pluginId is null || outcome is null)
            return;
        if (instrument.Name == PluginTelemetry.ServiceRunDuration)
        {
            if (serviceId is not null)
                RecordRun(pluginId, serviceId, seconds, outcome);
        }
        else
            RecordCall(pluginId, seconds, outcome);
    }

    // Adds a series; past the bound the one idle longest goes first (plugins come and go, the store must not grow).
    private TValue Bounded<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map, TKey key, Func<TKey, TValue> create)
        where TKey : notnull where TValue : class, ITouched
    {
        if (map.TryGetValue(key, out var found))
            return found;
        if (map.Count >= MaxSeries && map.MinBy(p => p.Value.LastTouched) is { Key: var idle })
            map.TryRemove(idle, out _);
        return map.GetOrAdd(key, create);
    }

    internal static long MinuteOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;

    private interface ITouched
    {
        long LastTouched { get; }
    }

    private sealed class CallSeries : ITouched
    {
        private readonly Slot[] _slots = new Slot[Minutes];

        public long LastTouched { get; private set; }

        public void Record(DateTimeOffset now, double seconds, bool failed)
        {
            var minute = MinuteOf(now);
            lock (_slots)
            {
                LastTouched = now.ToUnixTimeMilliseconds();
                ref var slot = ref _slots[minute % Minutes];
                if (slot.Minute != minute || slot.Latency is null)
                    slot = new Slot { Minute = minute, Latency = new int[LatencyHistogram.Size] };
                slot.Calls++;
                if (failed) slot.Failures++;
                slot.Latency[LatencyHistogram.IndexOf(seconds)]++;
            }
        }

        public PluginCallSeries Snapshot(string pluginId, long nowMinute)
        {
            var buckets = new List<CallBucket>(Minutes);
            var total = new int[LatencyHistogram.Size];
            int calls = 0, failures = 0;
            lock (_slots)
            {
                for (var minute = nowMinute - Minutes + 1; minute <= nowMinute; minute++)
                {
                    var slot = _slots[minute % Minutes];
                    var start = DateTimeOffset.FromUnixTimeSeconds(minute * 60);
                    if (slot.Minute != minute || slot.Latency is null)
                    {
                        buckets.Add(new CallBucket(start, 0, 0, null));
                        continue;
                    }
                    buckets.Add(new CallBucket(start, slot.Calls, slot.Failures, LatencyHistogram.P95Milliseconds(slot.Latency)));
                    calls += slot.Calls;
                    failures += slot.Failures;
                    for (var i = 0; i < total.Length; i++) total[i] += slot.Latency[i];
                }
            }
            return new PluginCallSeries(pluginId, calls, failures, LatencyHistogram.P95Milliseconds(total), buckets);
        }

        private struct Slot
        {
            public long Minute;
            public int Calls;
            public int Failures;
            public int[]? Latency;
        }
    }

    private sealed class RunHistory : ITouched
    {
        private readonly Queue<ServiceRun> _runs = new();

        public long LastTouched { get; private set; }

        public void Add(ServiceRun run)
        {
            lock (_runs)
            {
                LastTouched = run.Started.ToUnixTimeMilliseconds();
                _runs.Enqueue(run);
                while (_runs.Count > RunsKept) _runs.Dequeue();
            }
        }

        public IReadOnlyList<ServiceRun> Newest()
        {
            lock (_runs) return [.. _runs.Reverse()];
        }
    }
}

/// <summary>
/// Latencies counted in fixed buckets growing by 2^(1/4) (about 19 %) from 0.1 ms to about 100 s: bounded memory per
/// minute whatever the call rate, and a p95 read from the counts that is at most one bucket (19 %) high.
/// </summary>
internal static class LatencyHistogram
{
    private const double FirstBoundMs = 0.1;
    private const int PerDoubling = 4;
    public const int Size = 81; // 80 bounds up to 0.1 ms * 2^20 ≈ 105 s, then one overflow bucket.

    public static int IndexOf(double seconds)
    {
        var ms = seconds * 1000;
        if (ms <= FirstBoundMs) return 0;
        var index = (int)Math.Ceiling(PerDoubling * Math.Log2(ms / FirstBoundMs));
        return Math.Clamp(index, 0, Size - 1);
    }

    /// <summary>The upper bound of the bucket holding the 95th percentile, in milliseconds (null without calls).</summary>
    public static double? P95Milliseconds(int[] counts)
    {
        long total = 0;
        foreach (var c in counts) total += c;
        if (total == 0) return null;
        var rank = (long)Math.Ceiling(total * 0.95);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
                return Math.Round(FirstBoundMs * Math.Pow(2, (double)Math.Min(i, Size - 2) / PerDoubling), 3);
        }
        return null;
    }
}

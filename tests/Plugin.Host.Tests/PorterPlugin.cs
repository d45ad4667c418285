namespace Plugin.Host.Tests;

/// <summary>
/// The test plugin of <see cref="PortingFixture"/>: what a MoviePilot plugin ported to C# does with the cache
/// (any region and key), the run-time scheduler ("run once now", jobs added and cancelled from its API) and the host
/// settings (time zone, media paths). Each job run counts itself in the plugin's data.
/// </summary>
public static class PorterPlugin
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;

        [assembly: PluginManifest(typeof(PorterPlugin.Manifest))]
        namespace PorterPlugin
        {
            public class PorterConfig : PluginConfig
            {
                public PorterConfig() { Enabled = true; }
                public bool OnlyOnce { get; set; }
                public int DelaySeconds { get; set; } = 1;
            }

            public sealed class Porter : PluginBase<PorterConfig>
            {
                private int _factoryCalls;

                // MoviePilot's "run once now" switch: init_plugin adds a date job a few seconds ahead.
                protected override async Task OnInitAsync(CancellationToken ct)
                {
                    if (Config.OnlyOnce)
                        await Context.Scheduler.ScheduleAsync("onlyonce", JobTrigger.After(TimeSpan.FromSeconds(Config.DelaySeconds)), c => Count("onlyonce", c), ct);
                }

                private async Task Count(string name, CancellationToken ct)
                {
                    var runs = await Context.Data.GetAsync<int>("runs:" + name, ct);
                    await Context.Data.SaveAsync("runs:" + name, runs + 1, ct);
                }

                internal async ValueTask<object> Cache(ApiRequest r, CancellationToken ct)
                {
                    var region = Arguments.Required<string>(r, "region");
                    var key = Arguments.Required<string>(r, "key");
                    var value = await Context.Cache.GetOrCreateAsync(region, key,
                        _ => new ValueTask<string>("value " + Interlocked.Increment(ref _factoryCalls)), TimeSpan.FromMinutes(5), ct);
                    return new { Value = value, Calls = Volatile.Read(ref _factoryCalls) };
                }

                internal async ValueTask<object> Schedule(ApiRequest r, CancellationToken ct)
                {
                    var name = Arguments.Required<string>(r, "name");
                    var kind = Arguments.Required<string>(r, "kind");
                    var arg = Arguments.Optional<string>(r, "arg", "1");
                    var fail = Arguments.Optional<bool>(r, "fail", false);
                    try
                    {
                        var trigger = kind switch
                        {
                            "at" => JobTrigger.At(DateTimeOffset.Parse(arg, System.Globalization.CultureInfo.InvariantCulture)),
                            "after" => JobTrigger.After(TimeSpan.FromSeconds(double.Parse(arg, System.Globalization.CultureInfo.InvariantCulture))),
                            "cron" => JobTrigger.Cron(arg),
                            _ => JobTrigger.Every(TimeSpan.FromSeconds(double.Parse(arg, System.Globalization.CultureInfo.InvariantCulture))),
                        };
                        var first = await Context.Scheduler.ScheduleAsync(name, trigger, async c =>
                        {
                            await Count(name, c);
                            if (fail) throw new InvalidOperationException("job failed on purpose");
                        }, ct);
                        return new { Ok = true, First = first, Error = (string)null };
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                    {
                        return new { Ok = false, First = (DateTimeOffset?)null, Error = e.GetType().Name + ": " + e.Message };
                    }
                }

                internal async ValueTask<object> Cancel(ApiRequest r, CancellationToken ct) =>
                    new { Cancelled = await Context.Scheduler.CancelAsync(Arguments.Required<string>(r, "name"), ct) };

                internal async ValueTask<object> Runs(ApiRequest r, CancellationToken ct) =>
                    new { Runs = await Context.Data.GetAsync<int>("runs:" + Arguments.Required<string>(r, "name"), ct) };

                internal ValueTask<object> Jobs(ApiRequest r, CancellationToken ct) =>
                    new ValueTask<object>(Context.Scheduler.Jobs.Select(j => new { j.Name, Trigger = j.Trigger.ToString() }).ToList());

                internal ValueTask<object> HostFacts(ApiRequest r, CancellationToken ct) => new ValueTask<object>(new
                {
                    TimeZone = Context.Host.TimeZone.Id,
                    Offset = Context.Host.TimeZone.GetUtcOffset(DateTimeOffset.UtcNow).TotalHours,
                    Library = Context.Host.LibraryPaths,
                    Download = Context.Host.DownloadPaths,
                });
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.1.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Porter", Name = "Porter", Version = "1.0.0", Create = () => new Porter(), ConfigType = typeof(PorterConfig),
                        Apis = new[]
                        {
                            new ApiDescriptor("/cache", HttpVerb.Post, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Porter)p).Cache(r, ct)),
                            new ApiDescriptor("/schedule", HttpVerb.Post, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Porter)p).Schedule(r, ct)),
                            new ApiDescriptor("/cancel", HttpVerb.Post, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Porter)p).Cancel(r, ct)),
                            new ApiDescriptor("/runs", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Porter)p).Runs(r, ct)),
                            new ApiDescriptor("/jobs", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Porter)p).Jobs(r, ct)),
                            new ApiDescriptor("/host", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Porter)p).HostFacts(r, ct)),
                        },
                        Services = new[] { new ServiceDescriptor("tick", "Tick", ServiceTriggerKind.Cron, "0 8 * * *", 0, null, (p, ct) => default) },
                    },
                };
            }
        }
        """;
}

namespace Plugin.Host.Tests.Workers;

/// <summary>A plugin whose APIs end or wedge its process in every way a plugin can (<c>/exit</c>, <c>/failfast</c>,
/// <c>/overflow</c>, <c>/allocate</c>, <c>/hang</c> ignoring its token, <c>/slow</c> honouring it, <c>/wedge-form</c>
/// making its synchronous form hang), plus <c>/ping</c> and <c>/pid</c>.</summary>
internal static class HostilePlugins
{
    public static string Source(string id) => TestPluginSource.Single(id, members: $$"""
                internal static ValueTask<object> Exit() { Environment.Exit(3); return new ValueTask<object>("unreachable"); }
                internal static ValueTask<object> FailFast() { Environment.FailFast("hostile plugin gives up"); return new ValueTask<object>("unreachable"); }
                internal static ValueTask<object> Overflow() => new ValueTask<object>(Recurse(1));
                private static int Recurse(int depth) => Recurse(depth + 1) + 1;
                internal static ValueTask<object> Allocate()
                {
                    var hoard = new List<byte[]>();
                    while (true) { var chunk = new byte[16 << 20]; chunk[0] = 1; hoard.Add(chunk); }
                }
                // Says it started (a file in its data folder) before it blocks for good: a test then knows the worker is wedged.
                internal ValueTask<object> Hang() { Started("hang"); Thread.Sleep(Timeout.Infinite); return new ValueTask<object>("unreachable"); }
                private void Started(string what) => File.WriteAllText(Path.Combine(Context.DataFolder, what + "-started"), "");
                internal static async ValueTask<object> Slow(CancellationToken ct) { await Task.Delay(Timeout.Infinite, ct); return "unreachable"; }
                internal static ValueTask<object> Pid() => new ValueTask<object>(Environment.ProcessId);
                // After /wedge-form the (synchronous) form never returns: the host's wait on the worker must be cut off.
                internal static volatile bool WedgedForm;
                protected override FormView BuildForm()
                {
                    if (WedgedForm) { Started("form"); Thread.Sleep(Timeout.Infinite); }
                    return base.BuildForm();
                }
        """, extensionPoints: $$"""
                        Apis = new[]
                        {
                            {{TestPluginSource.Get("/exit", $"{id}.Exit()")}}
                            {{TestPluginSource.Get("/failfast", $"{id}.FailFast()")}}
                            {{TestPluginSource.Get("/overflow", $"{id}.Overflow()")}}
                            {{TestPluginSource.Get("/allocate", $"{id}.Allocate()")}}
                            {{TestPluginSource.Get("/hang", $"(({id})p).Hang()")}}
                            {{TestPluginSource.Get("/slow", $"{id}.Slow(ct)")}}
                            {{TestPluginSource.Get("/wedge-form", $"{{ {id}.WedgedForm = true; return new ValueTask<object>(\"wedged\"); }}")}}
                            {{TestPluginSource.Get("/pid", $"{id}.Pid()")}}
                            {{TestPluginSource.Get("/ping", "new ValueTask<object>(\"pong\")")}}
                        },
        """);
}

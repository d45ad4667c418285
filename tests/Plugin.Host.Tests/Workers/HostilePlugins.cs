namespace Plugin.Host.Tests.Workers;

/// <summary>A plugin whose APIs end or wedge its process in every way a plugin can (<c>/exit</c>, <c>/failfast</c>,
/// <c>/overflow</c>, <c>/allocate</c>, <c>/hang</c> ignoring its token, <c>/slow</c> honouring it, <c>/wedge-form</c>
/// making its synchronous form hang), plus <c>/ping</c>.</summary>
internal static class HostilePlugins
{
    public static string Source(string id) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;
        using Plugin.Sdk.Ui;

        [assembly: PluginManifest(typeof({{id}}Plugin.Manifest))]
        namespace {{id}}Plugin
        {
            public class {{id}}Config : PluginConfig { public {{id}}Config() { Enabled = true; } }

            public sealed class {{id}} : PluginBase<{{id}}Config>
            {
                internal static ValueTask<object> Exit() { Environment.Exit(3); return new ValueTask<object>("unreachable"); }
                internal static ValueTask<object> FailFast() { Environment.FailFast("hostile plugin gives up"); return new ValueTask<object>("unreachable"); }
                internal static ValueTask<object> Overflow() => new ValueTask<object>(Recurse(1));
                private static int Recurse(int depth) => Recurse(depth + 1) + 1;
                internal static ValueTask<object> Allocate()
                {
                    var hoard = new List<byte[]>();
                    while (true) { var chunk = new byte[16 << 20]; chunk[0] = 1; hoard.Add(chunk); }
                }
                internal static ValueTask<object> Hang() { Thread.Sleep(Timeout.Infinite); return new ValueTask<object>("unreachable"); }
                internal static async ValueTask<object> Slow(CancellationToken ct) { await Task.Delay(Timeout.Infinite, ct); return "unreachable"; }
                internal static ValueTask<object> Pid() => new ValueTask<object>(Environment.ProcessId);
                // After /wedge-form the (synchronous) form never returns: the host's wait on the worker must be cut off.
                internal static volatile bool WedgedForm;
                protected override FormView BuildForm()
                {
                    if (WedgedForm) Thread.Sleep(Timeout.Infinite);
                    return base.BuildForm();
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "{{id}}", Name = "{{id}}", Version = "1.0.0", Create = () => new {{id}}(), ConfigType = typeof({{id}}Config),
                        Apis = new[]
                        {
                            new ApiDescriptor("/exit", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {{id}}.Exit()),
                            new ApiDescriptor("/failfast", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {{id}}.FailFast()),
                            new ApiDescriptor("/overflow", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {{id}}.Overflow()),
                            new ApiDescriptor("/allocate", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {{id}}.Allocate()),
                            new ApiDescriptor("/hang", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {{id}}.Hang()),
                            new ApiDescriptor("/slow", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {{id}}.Slow(ct)),
                            new ApiDescriptor("/wedge-form", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => { {{id}}.WedgedForm = true; return new ValueTask<object>("wedged"); }),
                            new ApiDescriptor("/pid", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {{id}}.Pid()),
                            new ApiDescriptor("/ping", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => new ValueTask<object>("pong")),
                        },
                    },
                };
            }
        }
        """;
}

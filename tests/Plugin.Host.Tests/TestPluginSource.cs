namespace Plugin.Host.Tests;

/// <summary>
/// The C# source of a one-plugin test package shaped like the generator's output: the usings test plugins need,
/// <c>[assembly: PluginManifest]</c>, a config class <c>&lt;id&gt;Config</c> with the enable switch on, the plugin class
/// <c>&lt;id&gt;</c> in namespace <c>&lt;id&gt;Plugin</c> with the given members, and a manifest with one descriptor whose
/// extension points are given. A test writes only what makes its plugin differ.
/// </summary>
internal static class TestPluginSource
{
    /// <param name="id">The plugin id, also its class name.</param>
    /// <param name="members">Members of the plugin class (methods the descriptor's delegates call).</param>
    /// <param name="extensionPoints">Descriptor properties after the identity, e.g. <c>Apis = new[] { … },</c>.</param>
    /// <param name="configMembers">Members of the config class besides <c>Enabled</c>.</param>
    public static string Single(string id, string members, string extensionPoints, string configMembers = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;
        using Plugin.Sdk.Ui;

        [assembly: PluginManifest(typeof({{id}}Plugin.Manifest))]
        namespace {{id}}Plugin
        {
            public class {{id}}Config : PluginConfig
            {
                public {{id}}Config() { Enabled = true; }
        {{configMembers}}
            }

            public sealed class {{id}} : PluginBase<{{id}}Config>
            {
        {{members}}
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "{{id}}", Name = "{{id}}", Version = "1.0.0", Create = () => new {{id}}(), ConfigType = typeof({{id}}Config),
        {{extensionPoints}}
                    },
                };
            }
        }
        """;

    /// <summary>An <c>ApiDescriptor</c> line: a GET at <paramref name="path"/> (API key) running <paramref name="body"/>,
    /// an expression of type <c>ValueTask&lt;object&gt;</c> over <c>p</c> (the plugin), <c>r</c> (the request) and <c>ct</c>.</summary>
    public static string Get(string path, string body) =>
        $"new ApiDescriptor(\"{path}\", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => {body}),";
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Plugin.Sdk.Generators.Diagnostics;
using Plugin.Sdk.Generators.Emitting;
using Plugin.Sdk.Generators.Model;
using Plugin.Sdk.Generators.Parsing;

namespace Plugin.Sdk.Generators
{
    /// <summary>
    /// Finds the [Plugin] classes of a compilation and emits one reflection-free manifest (PluginManifest.g.cs) with
    /// every plugin's descriptor and market entry, and reports the author's mistakes as MPP diagnostics.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class PluginGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, for incremental tests and diagnostics of the generator itself.</summary>
        public static class Steps
        {
            public const string ParseResults = "PluginParseResults";
            public const string Models = "PluginModels";
            public const string AllModels = "AllPluginModels";
            public const string Keys = "PluginKeys";
            public const string AllKeys = "AllPluginKeys";
            public const string BuildProperties = "BuildProperties";
            public const string CompilationInfo = "CompilationInfo";
            public const string BuildInfo = "BuildInfo";
            public const string ManifestInput = "ManifestInput";
            public const string Diagnostics = "PluginDiagnostics";
            public const string MusicParseResults = "MusicParseResults";
            public const string MusicModels = "MusicModels";
            public const string AllMusicModels = "AllMusicModels";
            public const string MusicKeys = "MusicKeys";
            public const string MusicDiagnostics = "MusicDiagnostics";
        }

        private const string DefaultVersion = "1.0.0";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "Plugin.Sdk.PluginAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => PluginParser.Parse(ctx, ct))
                .WithTrackingName(Steps.ParseResults);

            // Models, diagnostics and cross-check keys travel separately: a change of position (which only
            // diagnostics carry) does not regenerate the manifest.
            var models = results
                .Select(static (r, _) => r.Model)
                .WithTrackingName(Steps.Models);
            var allModels = models
                .Where(static m => m is not null)
                .Collect()
                .Select(static (array, _) => array.Select(m => m!).ToEquatableArray())
                .WithTrackingName(Steps.AllModels);

            var diagnostics = results
                .Select(static (r, _) => r.Diagnostics)
                .WithTrackingName(Steps.Diagnostics);

            var allKeys = results
                .Select(static (r, _) => r.Keys)
                .WithTrackingName(Steps.Keys)
                .Collect()
                .Select(static (array, _) => array.ToEquatableArray())
                .WithTrackingName(Steps.AllKeys);

            var properties = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => ReadProperties(options.GlobalOptions))
                .WithTrackingName(Steps.BuildProperties);

            // Only two strings are taken from the compilation, so an edit elsewhere leaves this step Unchanged.
            var compilationInfo = context.CompilationProvider
                .Select(static (compilation, _) => new CompilationFacts(SdkVersion(compilation), compilation.AssemblyName))
                .WithTrackingName(Steps.CompilationInfo);

            var buildInfo = properties
                .Combine(compilationInfo)
                .Select(static (pair, _) => new BuildInfo(pair.Left.Version, pair.Left.PackageId ?? pair.Right.AssemblyName, pair.Right.SdkVersion, pair.Left.PluginIcon, pair.Left.Capabilities))
                .WithTrackingName(Steps.BuildInfo);

            context.RegisterSourceOutput(diagnostics, static (spc, items) =>
            {
                foreach (var item in items) Report(spc, item);
            });

            context.RegisterSourceOutput(allKeys, static (spc, keys) => CrossCheck(spc, keys));

            // [MusicSource] classes (Plugin.Sdk.Music): registered in the same manifest through IMusicSourceManifest.
            var musicResults = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "Plugin.Sdk.Music.MusicSourceAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => MusicSourceParser.Parse(ctx, ct))
                .WithTrackingName(Steps.MusicParseResults);
            var allMusic = musicResults
                .Select(static (r, _) => r.Model)
                .WithTrackingName(Steps.MusicModels)
                .Where(static m => m is not null)
                .Collect()
                .Select(static (array, _) => array.Select(m => m!).ToEquatableArray())
                .WithTrackingName(Steps.AllMusicModels);
            context.RegisterSourceOutput(musicResults.Select(static (r, _) => r.Diagnostics).WithTrackingName(Steps.MusicDiagnostics),
                static (spc, items) =>
                {
                    foreach (var item in items) Report(spc, item);
                });
            context.RegisterSourceOutput(
                musicResults.Select(static (r, _) => r.Platform).Collect().Select(static (a, _) => a.ToEquatableArray()).WithTrackingName(Steps.MusicKeys),
                static (spc, platforms) =>
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var platform in platforms)
                    {
                        if (!seen.Add(platform.Key))
                            spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateMusicPlatform, platform.Location?.ToLocation(), platform.Key, "another [MusicSource] class"));
                    }
                });

            context.RegisterSourceOutput(allModels.Combine(allMusic).Combine(buildInfo).WithTrackingName(Steps.ManifestInput), static (spc, input) =>
            {
                var ((plugins, music), build) = input;
                if (plugins.Count == 0 && music.Count == 0) return;
                string source;
                try
                {
                    source = ManifestEmitter.Emit(plugins.Items, music.Items, build);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, "the manifest", ex.GetType().Name + ": " + ex.Message));
                    return;
                }
                spc.AddSource(ManifestEmitter.HintName, source);
            });

            // Extension seam: another attribute-driven registration is one more ForAttributeWithMetadataName producing
            // its own equatable model, collected and combined into ManifestInput, as [MusicSource] is.
        }

        private sealed record Properties(string Version, string? PackageId, string? PluginIcon, string? Capabilities);

        private sealed record CompilationFacts(string SdkVersion, string? AssemblyName);

        private static Properties ReadProperties(AnalyzerConfigOptions options)
        {
            // build_property.* values appear only for properties the SDK's targets mark CompilerVisibleProperty.
            options.TryGetValue("build_property.Version", out var version);
            options.TryGetValue("build_property.PackageId", out var packageId);
            options.TryGetValue("build_property.PluginIcon", out var icon);
            options.TryGetValue("build_property.PluginCapabilities", out var capabilities);
            var declared = (capabilities ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
            return new Properties(
                string.IsNullOrWhiteSpace(version) ? DefaultVersion : version!.Trim(),
                string.IsNullOrWhiteSpace(packageId) ? null : packageId!.Trim(),
                string.IsNullOrWhiteSpace(icon) ? null : System.IO.Path.GetFileName(icon!.Trim()),
                declared.Count == 0 ? null : string.Join(";", declared));
        }

        /// <summary>The referenced Plugin.Sdk's assembly version as MAJOR.MINOR.PATCH (what the host checks).</summary>
        private static string SdkVersion(Compilation compilation)
        {
            foreach (var identity in compilation.ReferencedAssemblyNames)
            {
                if (identity.Name == "Plugin.Sdk") return identity.Version.ToString(3);
            }
            return "0.0.0";
        }

        private static void Report(SourceProductionContext context, DiagnosticInfo info)
        {
            var descriptor = DiagnosticDescriptors.ById(info.Id);
            if (descriptor is null) return;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, info.Location?.ToLocation() ?? Location.None,
                info.Arguments.Items.Cast<object>().ToArray()));
        }

        /// <summary>
        /// Checks that need every plugin of the compilation: unique plugin ids, commands, service ids. (The version is
        /// PluginVersionAnalyzer's: it needs no other plugin, and no build property reaches this step any more.)
        /// </summary>
        private static void CrossCheck(SourceProductionContext context, EquatableArray<PluginKeys> plugins)
        {
            var ids = new Dictionary<string, PluginKeys>(StringComparer.Ordinal);
            var commands = new Dictionary<string, string>(StringComparer.Ordinal);
            var services = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var plugin in plugins)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (ids.TryGetValue(plugin.Id, out var first))
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicatePluginId, plugin.Location?.ToLocation(), plugin.Id, first.TypeName));
                else ids[plugin.Id] = plugin;

                foreach (var command in plugin.Commands)
                {
                    if (commands.TryGetValue(command.Key, out var owner))
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateCommand, command.Location?.ToLocation(), command.Key, owner));
                    else commands[command.Key] = "plugin " + plugin.Id;
                }
                foreach (var service in plugin.Services)
                {
                    if (service.Key.Length == 0) continue;
                    if (services.TryGetValue(service.Key, out var owner))
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateService, service.Location?.ToLocation(), service.Key, owner));
                    else services[service.Key] = "plugin " + plugin.Id;
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Plugin.Sdk.Generators.Diagnostics;
using Plugin.Sdk.Generators.Model;

namespace Plugin.Sdk.Generators.Parsing
{
    /// <summary>Turns one <c>[MusicSource]</c> class into a <see cref="MusicSourceModel"/> (what ClrMusicSource read by reflection).</summary>
    internal static class MusicSourceParser
    {
        private static readonly string[] s_searchTypes = { "music", "album", "artist", "sheet", "lyric" };

        public static MusicParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var attribute = context.Attributes[0];
            var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference);
            var platform = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
            var key = new KeyedLocation(platform, attributeLocation);
            var diagnostics = new List<DiagnosticInfo>();
            void Report(DiagnosticDescriptor d, LocationInfo? l, params string[] args) => diagnostics.Add(new DiagnosticInfo(d.Id, l, args.ToEquatableArray()));
            try
            {
                var classLocation = LocationInfo.From(((ClassDeclarationSyntax)context.TargetNode).Identifier.GetLocation());
                var musicSource = context.SemanticModel.Compilation.GetTypeByMetadataName("Plugin.Sdk.Music.IMusicSource");
                if (musicSource is null || !symbol.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, musicSource)))
                {
                    Report(DiagnosticDescriptors.MusicNotSource, classLocation, symbol.Name);
                    return new MusicParseResult(null, diagnostics.ToEquatableArray(), key);
                }
                var problem = symbol.IsAbstract ? "is abstract"
                    : symbol.IsGenericType ? "is generic"
                    : symbol.ContainingType is not null ? "is nested"
                    : symbol.DeclaredAccessibility != Accessibility.Public ? "is not public"
                    : !symbol.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public) ? "has no public parameterless constructor"
                    : null;
                if (problem is not null)
                {
                    Report(DiagnosticDescriptors.MusicNotCreatable, classLocation, symbol.Name, problem);
                    return new MusicParseResult(null, diagnostics.ToEquatableArray(), key);
                }

                EquatableArray<string>? Strings(string name)
                {
                    foreach (var pair in attribute.NamedArguments)
                    {
                        if (pair.Key == name)
                            return pair.Value.IsNull ? null : pair.Value.Values.Select(v => v.Value as string ?? "").ToEquatableArray();
                    }
                    return null;
                }
                string? Text(string name) => attribute.NamedArguments.FirstOrDefault(p => p.Key == name).Value.Value as string;

                EquatableArray<string>? searchTypes = null;
                if (Strings("SupportedSearchType") is { } types)
                {
                    var names = new List<string>();
                    foreach (var type in types)
                    {
                        var index = Array.IndexOf(s_searchTypes, type);
                        if (index < 0) Report(DiagnosticDescriptors.MusicSearchType, LocationInfo.From(attribute.ApplicationSyntaxReference), type);
                        else names.Add(char.ToUpperInvariant(type[0]) + type.Substring(1));
                    }
                    searchTypes = names.ToEquatableArray();
                }

                var cacheControl = "NoCache";
                foreach (var pair in attribute.NamedArguments)
                {
                    if (pair.Key == "CacheControl" && pair.Value.Type is INamedTypeSymbol enumType)
                    {
                        cacheControl = enumType.GetMembers().OfType<IFieldSymbol>()
                            .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, pair.Value.Value))?.Name ?? cacheControl;
                    }
                }

                var variables = symbol.GetAttributes()
                    .Where(a => a.AttributeClass?.ToDisplayString() == "Plugin.Sdk.Music.MusicUserVariableAttribute" && a.ConstructorArguments.Length >= 1)
                    .Select(a => new UserVariableModel(
                        a.ConstructorArguments[0].Value as string ?? "",
                        a.ConstructorArguments.Length > 1 ? a.ConstructorArguments[1].Value as string : null,
                        a.NamedArguments.FirstOrDefault(p => p.Key == "Hint").Value.Value as string))
                    .ToEquatableArray();

                // A function is offered when the class (not the interface's default) implements it; "SearchAsync" → "search".
                var functions = new List<string>();
                foreach (var member in musicSource.GetMembers().OfType<IMethodSymbol>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var implementation = symbol.FindImplementationForInterfaceMember(member);
                    if (implementation is null || SymbolEqualityComparer.Default.Equals(implementation.ContainingType, musicSource)) continue;
                    var name = member.Name.EndsWith("Async", StringComparison.Ordinal) ? member.Name.Substring(0, member.Name.Length - 5) : member.Name;
                    functions.Add(char.ToLowerInvariant(name[0]) + name.Substring(1));
                }

                var model = new MusicSourceModel(
                    symbol.ToDisplayString(PluginParser.FullName),
                    platform,
                    Text("Version") ?? "0.0.0",
                    Strings("PrimaryKey") is { Count: > 0 } keys ? keys : new[] { "id" }.ToEquatableArray(),
                    cacheControl,
                    searchTypes,
                    Strings("ImportMusicItemHints"),
                    Strings("ImportMusicSheetHints"),
                    Text("Author"),
                    Text("Description"),
                    Text("SrcUrl"),
                    variables,
                    functions.ToEquatableArray());
                return new MusicParseResult(model, diagnostics.ToEquatableArray(), key);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Report(DiagnosticDescriptors.InternalError, attributeLocation, symbol.Name, ex.GetType().Name + ": " + ex.Message);
                return new MusicParseResult(null, diagnostics.ToEquatableArray(), key);
            }
        }
    }
}

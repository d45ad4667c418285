using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Plugin.Sdk.Generators.Diagnostics;
using Plugin.Sdk.Generators.Model;

namespace Plugin.Sdk.Generators.Parsing
{
    /// <summary>
    /// Turns one <c>[Plugin]</c> class into a <see cref="PluginModel"/> and its diagnostics. Symbols never leave this
    /// class: everything it returns is strings and numbers, so the pipeline after it compares cheaply.
    /// </summary>
    internal sealed partial class PluginParser
    {
        private const string Sdk = "Plugin.Sdk.";

        // Fully qualified with global:: and nullable annotations: emitted code must mean the same in any namespace.
        internal static readonly SymbolDisplayFormat FullName = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat ShortName = SymbolDisplayFormat.MinimallyQualifiedFormat.AddMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly KnownTypes _types;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private INamedTypeSymbol _class = null!;
        private string _typeName = "";
        private string _id = "";

        private PluginParser(Compilation compilation, CancellationToken cancellationToken)
        {
            _types = KnownTypes.For(compilation);
            _cancellationToken = cancellationToken;
        }

        public static PluginParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var attribute = context.Attributes[0];
            var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference);
            var emptyKeys = new PluginKeys(symbol.Name, symbol.ToDisplayString(), attributeLocation, EquatableArray<KeyedLocation>.Empty, EquatableArray<KeyedLocation>.Empty);
            try
            {
                var parser = new PluginParser(context.SemanticModel.Compilation, cancellationToken);
                return parser.ParsePlugin(symbol, (ClassDeclarationSyntax)context.TargetNode, attribute, attributeLocation);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // A bug here must not break the author's build with an exception from inside the compiler.
                var diagnostic = new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id, attributeLocation,
                    new[] { symbol.Name, ex.GetType().Name + ": " + ex.Message }.ToEquatableArray());
                return new PluginParseResult(null, new[] { diagnostic }.ToEquatableArray(), emptyKeys);
            }
        }

        private PluginParseResult ParsePlugin(INamedTypeSymbol symbol, ClassDeclarationSyntax declaration, AttributeData attribute,
            LocationInfo? attributeLocation)
        {
            _class = symbol;
            _id = symbol.Name;
            _typeName = symbol.ToDisplayString(FullName);
            var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
            var fatal = false;

            if (symbol.ContainingType is not null)
            {
                Report(DiagnosticDescriptors.PluginNested, classLocation, symbol.Name, symbol.ContainingType.Name);
                fatal = true;
            }
            if (symbol.IsGenericType)
            {
                Report(DiagnosticDescriptors.PluginGeneric, classLocation, symbol.Name);
                fatal = true;
            }
            // Not public (MPP0015) and not partial (MPP0014) are reported by analyzers; neither breaks the manifest.
            if (symbol.IsAbstract || symbol.IsStatic)
            {
                Report(DiagnosticDescriptors.PluginNotCreatable, classLocation, symbol.Name, symbol.IsStatic ? "is static" : "is abstract");
                fatal = true;
            }
            else if (!symbol.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                Report(DiagnosticDescriptors.PluginNotCreatable, classLocation, symbol.Name, "has no public parameterless constructor");
                fatal = true;
            }

            // Without PluginBase<TConfig> the manifest cannot call the plugin: it is left out, and
            // PluginClassNotDerivedAnalyzer reports MPP0016.
            var configType = FindConfigType(symbol);
            if (configType is null) fatal = true;

            var name = NamedString(attribute, "Name") ?? symbol.Name;
            // A level outside 1-3 is PluginLevelAnalyzer's MPP0013; the manifest carries the value as written.
            var level = NamedInt(attribute, "Level", 1);
            var labels = NamedStrings(attribute, "Labels");
            // RenderMode.Vue: the plugin ships its own compiled module.
            var vue = NamedInt(attribute, "RenderMode", 0) == (int)Ui.RenderMode.Vue;

            var history = ParseHistory(symbol);
            var configFields = configType is null ? EquatableArray<ConfigFieldModel>.Empty : ParseConfigFields(configType);
            var members = ParseMembers(symbol, configType);

            var model = fatal
                ? null
                : new PluginModel(
                    Id: _id,
                    TypeName: _typeName,
                    Name: name,
                    Description: NamedString(attribute, "Description") ?? "",
                    Icon: NamedString(attribute, "Icon"),
                    Author: NamedString(attribute, "Author"),
                    AuthorUrl: NamedString(attribute, "AuthorUrl"),
                    Level: level,
                    Labels: labels,
                    Order: NamedInt(attribute, "Order", 999),
                    History: history,
                    ConfigType: configType!.ToDisplayString(FullName),
                    ConfigFields: configFields,
                    // A vue plugin's detail page is its module's Page component, with or without a BuildPage override.
                    HasPage: vue || HasPage(symbol),
                    Commands: members.Commands.ToEquatableArray(),
                    Apis: members.Apis.ToEquatableArray(),
                    Services: members.Services.ToEquatableArray(),
                    EventHandlers: members.EventHandlers.ToEquatableArray(),
                    ChainHandlers: members.ChainHandlers.ToEquatableArray(),
                    Dashboards: members.Dashboards.ToEquatableArray(),
                    WorkflowActions: members.WorkflowActions.ToEquatableArray(),
                    ModuleOverrides: members.ModuleOverrides.ToEquatableArray(),
                    MessageActions: members.MessageActions.ToEquatableArray(),
                    StorageProviders: members.StorageProviders.ToEquatableArray(),
                    DiscoverSources: members.DiscoverSources.ToEquatableArray(),
                    RecommendSources: members.RecommendSources.ToEquatableArray(),
                    VueRenderMode: vue);

            var keys = new PluginKeys(_id, symbol.ToDisplayString(), attributeLocation, members.CommandKeys.ToEquatableArray(), members.ServiceKeys.ToEquatableArray());
            return new PluginParseResult(model, _diagnostics.ToEquatableArray(), keys);
        }

        /// <summary>TConfig of PluginBase&lt;TConfig&gt; anywhere up the base chain (PluginBase is PluginBase&lt;PluginConfig&gt;).</summary>
        private ITypeSymbol? FindConfigType(INamedTypeSymbol symbol)
        {
            for (var type = symbol.BaseType; type is not null; type = type.BaseType)
            {
                if (KnownTypes.Is(type, _types.PluginBaseOfT)) return type.TypeArguments[0];
            }
            return null;
        }

        private bool HasPage(INamedTypeSymbol symbol)
        {
            for (var type = symbol; type is not null && !KnownTypes.Is(type, _types.PluginBaseOfT); type = type.BaseType)
            {
                if (type.GetMembers("BuildPage").Concat(type.GetMembers("BuildPageAsync")).OfType<IMethodSymbol>().Any(m => m.IsOverride)) return true;
            }
            return false;
        }

        private EquatableArray<HistoryModel> ParseHistory(INamedTypeSymbol symbol)
        {
            var entries = new List<HistoryModel>();
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != Sdk + "PluginHistoryAttribute" || attribute.ConstructorArguments.Length < 2) continue;
                var version = attribute.ConstructorArguments[0].Value as string ?? "";
                var notes = attribute.ConstructorArguments[1].Value as string ?? "";
                // MoviePilot's history keys are "v1.2"; accept "1.2" from the author and write it the market's way.
                var key = version.StartsWith("v", StringComparison.OrdinalIgnoreCase) ? "v" + version.Substring(1) : "v" + version;
                entries.Add(new HistoryModel(key, notes));
            }
            // Newest first; OrderBy is stable so equal versions keep declaration order.
            return entries.Select((e, i) => (e, i))
                .OrderBy(x => x.e, Comparer<HistoryModel>.Create((a, b) => SemVer.Compare(b.Version, a.Version)))
                .ThenBy(x => x.i)
                .Select(x => x.e)
                .ToEquatableArray();
        }

        // ---- helpers shared by the member parsers ------------------------------------------------------------------

        private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()));

        private static string? NamedString(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
                if (pair.Key == name) return pair.Value.Value as string;
            return null;
        }

        private static int NamedInt(AttributeData attribute, string name, int defaultValue)
        {
            foreach (var pair in attribute.NamedArguments)
                if (pair.Key == name && pair.Value.Value is int value) return value;
            return defaultValue;
        }

        private static bool NamedBool(AttributeData attribute, string name, bool defaultValue)
        {
            foreach (var pair in attribute.NamedArguments)
                if (pair.Key == name && pair.Value.Value is bool value) return value;
            return defaultValue;
        }

        private static EquatableArray<string> NamedStrings(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
                    return pair.Value.Values.Select(v => v.Value as string ?? "").ToEquatableArray();
            }
            return EquatableArray<string>.Empty;
        }

        private static string? CtorString(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

        /// <summary>
        /// The location of one argument of an attribute (named <paramref name="name"/>, or positional
        /// <paramref name="position"/>), so a diagnostic underlines the value that is wrong; the attribute otherwise.
        /// </summary>
        private LocationInfo? ArgumentLocation(AttributeData attribute, string name, int position)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is not AttributeSyntax syntax) return null;
            var arguments = syntax.ArgumentList?.Arguments ?? default;
            var index = 0;
            foreach (var argument in arguments)
            {
                if (argument.NameEquals is { } equals)
                {
                    if (equals.Name.Identifier.ValueText == name) return LocationInfo.From(argument.GetLocation());
                    continue;
                }
                if (argument.NameColon is { } colon)
                {
                    if (string.Equals(colon.Name.Identifier.ValueText, name, StringComparison.OrdinalIgnoreCase))
                        return LocationInfo.From(argument.GetLocation());
                    index++;
                    continue;
                }
                if (index == position) return LocationInfo.From(argument.GetLocation());
                index++;
            }
            return LocationInfo.From(syntax.GetLocation());
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Plugin.Sdk.Generators.Parsing;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>One [Plugin] class as the analyzers see it: the symbol, its attribute and the declaration carrying it.</summary>
    internal sealed class PluginClass
    {
        public PluginClass(INamedTypeSymbol symbol, AttributeData attribute, ClassDeclarationSyntax declaration, KnownTypes types)
        {
            Symbol = symbol;
            Attribute = attribute;
            Declaration = declaration;
            Types = types;
        }

        public INamedTypeSymbol Symbol { get; }

        public AttributeData Attribute { get; }

        /// <summary>The declaration that carries [Plugin] (a partial class may have others).</summary>
        public ClassDeclarationSyntax Declaration { get; }

        public KnownTypes Types { get; }

        /// <summary>Where class-level mistakes are reported: the class name of the declaration carrying [Plugin].</summary>
        public Location ClassLocation => Declaration.Identifier.GetLocation();

        public Location AttributeLocation => Declaration.SyntaxTree.GetLocation(Attribute.ApplicationSyntaxReference!.Span);
    }

    /// <summary>
    /// What the analyzers share: finding the [Plugin] classes, the attributed methods the generator registers, and the
    /// exact spans the generator used to report on, so moving a rule from the generator to an analyzer changes no
    /// position an author (or a test) relies on.
    /// </summary>
    internal static class PluginAnalysis
    {
        private const string PluginAttribute = "Plugin.Sdk.PluginAttribute";

        /// <summary>
        /// Calls <paramref name="action"/> for every class declaration carrying [Plugin] in a compilation that references
        /// the SDK, as the generator's ForAttributeWithMetadataName sees them (records and structs are not plugins).
        /// Analyzers call it after <see cref="ConfigureGeneratedCode"/>.
        /// </summary>
        public static void RegisterPluginClassAction(AnalysisContext context, Action<SymbolAnalysisContext, PluginClass> action)
        {
            context.RegisterCompilationStartAction(start =>
            {
                var pluginAttribute = start.Compilation.GetTypeByMetadataName(PluginAttribute);
                if (pluginAttribute is null) return;
                var types = KnownTypes.For(start.Compilation);
                start.RegisterSymbolAction(symbolContext =>
                {
                    var symbol = (INamedTypeSymbol)symbolContext.Symbol;
                    if (symbol.TypeKind != TypeKind.Class) return;
                    foreach (var attribute in symbol.GetAttributes())
                    {
                        if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, pluginAttribute)) continue;
                        if (attribute.ApplicationSyntaxReference?.GetSyntax(symbolContext.CancellationToken) is not AttributeSyntax syntax ||
                            syntax.Parent?.Parent is not ClassDeclarationSyntax declaration)
                            continue;
                        action(symbolContext, new PluginClass(symbol, attribute, declaration, types));
                    }
                }, SymbolKind.NamedType);
            });
        }

        /// <summary>
        /// Generated code is analyzed and reported like any other: the generator, whose rules these were, reads every
        /// [Plugin] class of the compilation, files the project marks as generated (*.g.cs, auto-generated headers)
        /// included. The manifest the generator emits declares no [Plugin] class, so this adds no noise.
        /// </summary>
        public const GeneratedCodeAnalysisFlags ConfigureGeneratedCode = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

        /// <summary>
        /// The methods carrying extension-point attributes that the generator looks at, in its order: the plugin class
        /// first, then its own base classes up to PluginBase; an override with attributes replaces the method it
        /// overrides. <c>Callable</c> is false for the methods the generated manifest cannot call (reported as MPP0036
        /// and otherwise ignored).
        /// </summary>
        public static List<AttributedMethod> AttributedMethods(PluginClass plugin) =>
            ExtensionPointMethods.Find(plugin.Symbol, plugin.Types.PluginBaseOfT);

        /// <summary>The methods the generator registers: callable, non-static, non-generic.</summary>
        public static IEnumerable<AttributedMethod> RegisteredMethods(PluginClass plugin) =>
            AttributedMethods(plugin).Where(m => m.Callable && !m.Method.IsStatic && !m.Method.IsGenericMethod);

        public static bool IsAttribute(AttributeData attribute, string name) => attribute.AttributeClass?.Name == name;

        /// <summary>
        /// Reports <paramref name="descriptor"/> on every registered <paramref name="attributeName"/> whose first
        /// constructor argument (<paramref name="parameterName"/>: a command or an API path) does not start with '/'.
        /// </summary>
        public static void ReportMissingLeadingSlash(SymbolAnalysisContext context, PluginClass plugin, string attributeName,
            string parameterName, DiagnosticDescriptor descriptor)
        {
            foreach (var method in RegisteredMethods(plugin))
            {
                foreach (var attribute in method.Attributes)
                {
                    if (!IsAttribute(attribute, attributeName)) continue;
                    var value = CtorString(attribute, 0) ?? "";
                    if (!value.StartsWith("/", StringComparison.Ordinal))
                        context.ReportDiagnostic(Diagnostic.Create(descriptor,
                            ArgumentLocation(attribute, parameterName, 0, context.CancellationToken), value));
                }
            }
        }

        /// <summary>[Command] for CommandAttribute: how the attribute is written in messages.</summary>
        public static string ShortName(AttributeData attribute)
        {
            var name = attribute.AttributeClass?.Name ?? "";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        public static string? CtorString(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

        /// <summary>The attribute's source location, or none when it comes from metadata (a base class in another assembly).</summary>
        public static Location Where(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;

        /// <summary>A symbol's first location if it is in source; none otherwise (diagnostics cannot point into metadata).</summary>
        public static Location Where(ISymbol symbol) =>
            symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

        /// <summary>
        /// The location of one argument of an attribute (named <paramref name="name"/>, or positional
        /// <paramref name="position"/>), so a diagnostic underlines the value that is wrong; the attribute otherwise.
        /// </summary>
        public static Location ArgumentLocation(AttributeData attribute, string name, int position, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax) return Location.None;
            return ArgumentSyntax(syntax, name, position)?.GetLocation() ?? syntax.GetLocation();
        }

        /// <summary>The argument written for parameter <paramref name="name"/> (or at <paramref name="position"/>), if any.</summary>
        public static AttributeArgumentSyntax? ArgumentSyntax(AttributeSyntax syntax, string name, int position)
        {
            var index = 0;
            foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
            {
                if (argument.NameEquals is { } equals)
                {
                    if (equals.Name.Identifier.ValueText == name) return argument;
                    continue;
                }
                if (argument.NameColon is { } colon)
                {
                    if (string.Equals(colon.Name.Identifier.ValueText, name, StringComparison.OrdinalIgnoreCase)) return argument;
                    index++;
                    continue;
                }
                if (index == position) return argument;
                index++;
            }
            return null;
        }
    }
}

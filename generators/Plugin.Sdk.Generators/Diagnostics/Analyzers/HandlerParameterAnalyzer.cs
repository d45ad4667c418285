using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Plugin.Sdk.Generators.Parsing;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>
    /// MPP0012: an [EventHandler]/[ChainHandler] parameter of an event-data type must be the data the event delivers
    /// (the type its EventType/ChainEventType member names in [EventData]) or one of its base classes.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HandlerParameterAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// Diagnostic property with the fully qualified type the event delivers, for the code fix that declares the
        /// parameter as that type (absent when the event names no data type).
        /// </summary>
        public const string ExpectedTypeProperty = "ExpectedType";

        private static readonly SymbolDisplayFormat s_fullName = SymbolDisplayFormat.FullyQualifiedFormat;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.HandlerParameter);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                foreach (var method in PluginAnalysis.RegisteredMethods(plugin))
                {
                    foreach (var attribute in method.Attributes)
                    {
                        if (PluginAnalysis.IsAttribute(attribute, "EventHandlerAttribute")) Check(c, plugin.Types, method.Method, attribute, chain: false);
                        else if (PluginAnalysis.IsAttribute(attribute, "ChainHandlerAttribute")) Check(c, plugin.Types, method.Method, attribute, chain: true);
                    }
                }
            });
        }

        private static void Check(SymbolAnalysisContext context, KnownTypes types, IMethodSymbol method, AttributeData attribute, bool chain)
        {
            if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Type is not INamedTypeSymbol enumType) return;
            var value = attribute.ConstructorArguments[0].Value;
            var member = enumType.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            if (member is null) return; // a cast number that names no event: nothing to compare with
            var expected = member.GetAttributes()
                .FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, types.EventDataAttribute))?
                .ConstructorArguments.FirstOrDefault().Value as ITypeSymbol;
            var wrapper = chain ? types.PluginChainEvent : types.PluginEvent;
            var attributeName = chain ? "ChainHandler" : "EventHandler";
            var eventName = enumType.Name + "." + member.Name;
            var properties = expected is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(ExpectedTypeProperty, expected.ToDisplayString(s_fullName));

            foreach (var parameter in method.Parameters)
            {
                var type = parameter.Type;
                if (KnownTypes.Is(type, types.CancellationToken) || KnownTypes.Is(type, wrapper)) continue;
                // Other parameter types are MPP0022 (the generator's); only event data of the wrong type is this rule's.
                if (!DerivesFrom(type, types.EventData)) continue;
                if (expected is not null && DerivesFrom(expected, type as INamedTypeSymbol)) continue;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandlerParameter, PluginAnalysis.Where(parameter), properties,
                    "[" + attributeName + "]", method.Name, eventName, expected?.Name ?? "unknown", type.Name,
                    (chain ? "ChainEventData" : "EventData") + " or " + wrapper?.Name));
            }
        }

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var t = type; t is not null; t = t.BaseType)
                if (KnownTypes.Is(t, baseType)) return true;
            return false;
        }
    }
}

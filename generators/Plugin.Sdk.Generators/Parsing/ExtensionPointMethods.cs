using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Plugin.Sdk.Generators.Parsing
{
    /// <summary>
    /// Which methods of a plugin carry extension-point attributes, found one way for the generator (which registers
    /// them) and the analyzers (which report on them), so both see the same methods in the same order: the plugin class
    /// first, then its own base classes up to PluginBase (an author's shared base plugin). An override that carries
    /// attributes replaces the method it overrides; one without attributes leaves the base declaration registered (the
    /// call dispatches to the override anyway).
    /// </summary>
    internal static class ExtensionPointMethods
    {
        // The extension-point attributes the generator turns into registrations (namespace Plugin.Sdk).
        private static readonly string[] s_attributeNames =
        {
            "CommandAttribute", "ApiAttribute", "ServiceAttribute", "EventHandlerAttribute", "ChainHandlerAttribute",
            "DashboardAttribute", "WorkflowActionAttribute", "ModuleOverrideAttribute", "MessageActionAttribute",
            "StorageProviderAttribute", "DiscoverSourceAttribute", "RecommendSourceAttribute",
        };

        /// <summary>The attributed methods of <paramref name="plugin"/>; <c>Callable</c> is false for those the generated
        /// manifest cannot call.</summary>
        public static List<AttributedMethod> Find(INamedTypeSymbol plugin, INamedTypeSymbol? pluginBaseOfT)
        {
            var found = new List<AttributedMethod>();
            var replaced = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            for (var type = plugin; type is not null && type.SpecialType != SpecialType.System_Object && !KnownTypes.Is(type, pluginBaseOfT);
                 type = type.BaseType)
            {
                foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.MethodKind != MethodKind.Ordinary || replaced.Contains(method.OriginalDefinition)) continue;
                    var attributes = method.GetAttributes()
                        .Where(a => a.AttributeClass is { } c && c.ContainingNamespace?.ToDisplayString() == "Plugin.Sdk" &&
                                    Array.IndexOf(s_attributeNames, c.Name) >= 0)
                        .ToList();
                    if (attributes.Count == 0) continue;
                    for (var o = method.OverriddenMethod; o is not null; o = o.OverriddenMethod) replaced.Add(o.OriginalDefinition);
                    found.Add(new AttributedMethod(method, type, attributes, CallableFromPlugin(method, plugin)));
                }
            }
            return found;
        }

        /// <summary>Whether the generated manifest (a separate class of the plugin's assembly) can call the method on the plugin.</summary>
        private static bool CallableFromPlugin(IMethodSymbol method, INamedTypeSymbol plugin)
        {
            var sameAssembly = SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, plugin.ContainingAssembly);
            return method.DeclaredAccessibility switch
            {
                Accessibility.Public => true,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => sameAssembly || method.ContainingAssembly.GivesAccessTo(plugin.ContainingAssembly),
                _ => false,
            };
        }
    }

    /// <summary>A method with extension-point attributes, found on the plugin class or on one of its own base classes.</summary>
    internal sealed class AttributedMethod
    {
        public AttributedMethod(IMethodSymbol method, INamedTypeSymbol declaringType, List<AttributeData> attributes, bool callable)
        {
            Method = method;
            DeclaringType = declaringType;
            Attributes = attributes;
            Callable = callable;
        }

        public IMethodSymbol Method { get; }

        public INamedTypeSymbol DeclaringType { get; }

        public List<AttributeData> Attributes { get; }

        public bool Callable { get; }
    }
}

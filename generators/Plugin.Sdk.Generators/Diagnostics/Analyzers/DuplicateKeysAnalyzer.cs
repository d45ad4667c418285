using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>
    /// Keys that must be unique within one plugin: API path and verb (MPP0004), dashboard key (MPP0006), workflow action
    /// id (MPP0007) and message-action callback value (MPP0008). The first method in the generator's order keeps the key;
    /// every later one is reported. Keys global to the host (commands, service ids, plugin ids) need every plugin of the
    /// compilation and stay with the generator.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DuplicateKeysAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.DuplicateApi, DiagnosticDescriptors.DuplicateDashboard, DiagnosticDescriptors.DuplicateWorkflowAction,
            DiagnosticDescriptors.DuplicateMessageAction);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                var apis = new List<(string Path, int Verbs, string Method)>();
                var dashboards = new Dictionary<string, string>(StringComparer.Ordinal);
                var actions = new Dictionary<string, string>(StringComparer.Ordinal);
                var messages = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var registered in PluginAnalysis.RegisteredMethods(plugin))
                {
                    var method = registered.Method;
                    // The generator reads a method's [Api]s before its other attributes (sources refer to them).
                    foreach (var attribute in registered.Attributes)
                    {
                        if (!PluginAnalysis.IsAttribute(attribute, "ApiAttribute")) continue;
                        var path = PluginAnalysis.CtorString(attribute, 0) ?? "";
                        var verbs = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int v ? v : 1;
                        foreach (var (otherPath, otherVerbs, otherMethod) in apis)
                        {
                            if (string.Equals(otherPath, path, StringComparison.OrdinalIgnoreCase) && (otherVerbs & verbs) != 0)
                            {
                                c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateApi, PluginAnalysis.Where(attribute, c.CancellationToken),
                                    VerbNames(otherVerbs & verbs), path, $"'{otherMethod}'"));
                                break;
                            }
                        }
                        apis.Add((path, verbs, method.Name));
                    }
                    foreach (var attribute in registered.Attributes)
                    {
                        switch (attribute.AttributeClass?.Name)
                        {
                            case "DashboardAttribute":
                                CheckKey(c, dashboards, attribute, "key", method, DiagnosticDescriptors.DuplicateDashboard);
                                break;
                            case "WorkflowActionAttribute":
                                CheckKey(c, actions, attribute, "id", method, DiagnosticDescriptors.DuplicateWorkflowAction);
                                break;
                            case "MessageActionAttribute":
                                var data = PluginAnalysis.CtorString(attribute, 0);
                                // No data means "every callback of the plugin", one key of its own.
                                var key = data ?? "\0all";
                                if (messages.TryGetValue(key, out var first))
                                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateMessageAction, PluginAnalysis.Where(attribute, c.CancellationToken),
                                        data is null ? "(every callback)" : "'" + data + "'", $"'{first}'"));
                                else messages[key] = method.Name;
                                break;
                        }
                    }
                }
            });
        }

        /// <summary>An empty key is MPP0030 (the generator's) and takes no part in uniqueness.</summary>
        private static void CheckKey(SymbolAnalysisContext context, Dictionary<string, string> seen, AttributeData attribute, string parameter,
            IMethodSymbol method, DiagnosticDescriptor descriptor)
        {
            var key = PluginAnalysis.CtorString(attribute, 0) ?? "";
            if (key.Length == 0) return;
            if (seen.TryGetValue(key, out var first))
                context.ReportDiagnostic(Diagnostic.Create(descriptor, PluginAnalysis.ArgumentLocation(attribute, parameter, 0, context.CancellationToken),
                    key, $"'{first}'"));
            else seen[key] = method.Name;
        }

        // The names come from the SDK's HttpVerb, linked into this assembly (sdk/Plugin.Sdk/Shared).
        private static string VerbNames(int verbs) =>
            string.Join("|", Model.EnumNames.Flags(typeof(HttpVerb), verbs, out _).Select(n => n.ToUpperInvariant()));
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Plugin.Sdk.Generators.Diagnostics;
using Plugin.Sdk.Generators.Model;

namespace Plugin.Sdk.Generators.Parsing
{
    internal sealed partial class PluginParser
    {
        private sealed class Members
        {
            public readonly List<CommandModel> Commands = new();
            public readonly List<ApiModel> Apis = new();
            public readonly List<ServiceModel> Services = new();
            public readonly List<EventHandlerModel> EventHandlers = new();
            public readonly List<ChainHandlerModel> ChainHandlers = new();
            public readonly List<DashboardModel> Dashboards = new();
            public readonly List<WorkflowActionModel> WorkflowActions = new();
            public readonly List<ModuleOverrideModel> ModuleOverrides = new();
            public readonly List<MessageActionModel> MessageActions = new();
            public readonly List<StorageProviderModel> StorageProviders = new();
            public readonly List<DiscoverSourceModel> DiscoverSources = new();
            public readonly List<RecommendSourceModel> RecommendSources = new();
            public readonly List<KeyedLocation> CommandKeys = new();
            public readonly List<KeyedLocation> ServiceKeys = new();
        }

        private const string Ctx = "a";

        private Members ParseMembers(INamedTypeSymbol symbol, ITypeSymbol? configType)
        {
            var members = new Members();
            // A method the generated manifest cannot call (private, protected) is left out rather than left to fail
            // inside generated code; InaccessibleMethodAnalyzer reports it (MPP0036).
            foreach (var found in ExtensionPointMethods.Find(symbol, _types.PluginBaseOfT))
            {
                if (!found.Callable) continue;
                var (method, attributes) = (found.Method, found.Attributes);
                _cancellationToken.ThrowIfCancellationRequested();

                // The manifest cannot call a static or generic method: StaticOrGenericMethodAnalyzer reports it (MPP0021).
                if (method.IsStatic || method.IsGenericMethod) continue;

                ApiModel? api = null;
                foreach (var attribute in attributes)
                {
                    if (attribute.AttributeClass!.Name == "ApiAttribute") api = ParseApi(method, attribute, members);
                }
                foreach (var attribute in attributes)
                {
                    switch (attribute.AttributeClass!.Name)
                    {
                        case "CommandAttribute": ParseCommand(method, attribute, members); break;
                        case "ServiceAttribute": ParseService(method, attribute, members, configType); break;
                        case "EventHandlerAttribute": ParseEventHandler(method, attribute, members, chain: false); break;
                        case "ChainHandlerAttribute": ParseEventHandler(method, attribute, members, chain: true); break;
                        case "DashboardAttribute": ParseDashboard(method, attribute, members); break;
                        case "WorkflowActionAttribute": ParseWorkflowAction(method, attribute, members); break;
                        case "ModuleOverrideAttribute": ParseModuleOverride(method, attribute, members); break;
                        case "MessageActionAttribute": ParseMessageAction(method, attribute, members); break;
                        case "StorageProviderAttribute": ParseStorageProvider(method, attribute, members); break;
                        case "DiscoverSourceAttribute": ParseDiscoverSource(method, attribute, members, api); break;
                        case "RecommendSourceAttribute": ParseRecommendSource(method, attribute, members, api); break;
                    }
                }
            }
            return members;
        }

        private static string ShortAttributeName(AttributeData attribute)
        {
            var name = attribute.AttributeClass?.Name ?? "";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        private static LocationInfo? Where(IParameterSymbol parameter) => LocationInfo.From(parameter.Locations.FirstOrDefault());

        private static LocationInfo? Where(IMethodSymbol method) => LocationInfo.From(method.Locations.FirstOrDefault());

        // ---- signatures -------------------------------------------------------------------------------------------

        /// <summary>
        /// Binds parameters that are only injected values: the delegate's context (of <paramref name="contextType"/>)
        /// and a CancellationToken. Anything else is reported with the allowed <paramref name="signatures"/>.
        /// </summary>
        private List<ArgModel>? InjectedArgs(IMethodSymbol method, AttributeData attribute, INamedTypeSymbol? contextType, string signatures)
        {
            var args = new List<ArgModel>();
            var ok = true;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.None && contextType is not null && KnownTypes.Is(parameter.Type, contextType))
                    args.Add(Arg(ArgSource.Context, parameter));
                else if (parameter.RefKind == RefKind.None && KnownTypes.Is(parameter.Type, _types.CancellationToken))
                    args.Add(Arg(ArgSource.Token, parameter));
                else
                {
                    Report(DiagnosticDescriptors.UnsupportedParameter, Where(parameter), parameter.Name,
                        parameter.Type.ToDisplayString(ShortName), ShortAttributeName(attribute), signatures);
                    ok = false;
                }
            }
            return ok ? args : null;
        }

        private static ArgModel Arg(ArgSource source, IParameterSymbol parameter) =>
            new(source, parameter.Name, parameter.Type.ToDisplayString(FullName), parameter.Type.ToDisplayString(ShortName), null, false);

        private (ReturnKind Kind, ITypeSymbol? Result) ClassifyReturn(IMethodSymbol method)
        {
            var type = method.ReturnType;
            if (method.ReturnsVoid) return (ReturnKind.Void, null);
            if (type is INamedTypeSymbol named)
            {
                if (KnownTypes.Is(named, _types.Task)) return (ReturnKind.Task, null);
                if (KnownTypes.Is(named, _types.ValueTask)) return (ReturnKind.ValueTask, null);
                if (KnownTypes.Is(named, _types.TaskOfT)) return (ReturnKind.TaskOfT, named.TypeArguments[0]);
                if (KnownTypes.Is(named, _types.ValueTaskOfT)) return (ReturnKind.ValueTaskOfT, named.TypeArguments[0]);
            }
            return (ReturnKind.Value, type);
        }

        private MethodCall Call(IMethodSymbol method, List<ArgModel> args, ReturnKind kind, ITypeSymbol? result) =>
            new(method.Name, args.ToEquatableArray(), kind, result?.ToDisplayString(FullName), result?.SpecialType == SpecialType.System_Boolean);

        /// <summary>For delegates returning a plain ValueTask: void, Task or ValueTask.</summary>
        private MethodCall? VoidCall(IMethodSymbol method, AttributeData attribute, List<ArgModel>? args)
        {
            var (kind, _) = ClassifyReturn(method);
            if (kind is not (ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask))
            {
                Report(DiagnosticDescriptors.UnsupportedReturn, Where(method), ShortAttributeName(attribute), method.Name,
                    method.ReturnType.ToDisplayString(ShortName), "void, Task or ValueTask");
                return null;
            }
            return args is null ? null : Call(method, args, kind, null);
        }

        /// <summary>For delegates returning ValueTask&lt;<paramref name="expected"/>&gt;: T, Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
        private MethodCall? TypedCall(IMethodSymbol method, AttributeData attribute, List<ArgModel>? args, INamedTypeSymbol? expected,
            bool allowBool, string advice)
        {
            var (kind, result) = ClassifyReturn(method);
            var fits = kind is ReturnKind.Value or ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT && result is not null &&
                       (KnownTypes.Is(result, expected) || (allowBool && result.SpecialType == SpecialType.System_Boolean));
            if (!fits)
            {
                Report(DiagnosticDescriptors.UnsupportedReturn, Where(method), ShortAttributeName(attribute), method.Name,
                    method.ReturnType.ToDisplayString(ShortName), advice);
                return null;
            }
            return args is null ? null : Call(method, args, kind, result);
        }

        // ---- commands -----------------------------------------------------------------------------------------------

        private void ParseCommand(IMethodSymbol method, AttributeData attribute, Members members)
        {
            // A command without its leading '/' is CommandWithoutSlashAnalyzer's MPP0001.
            var cmd = CtorString(attribute, 0) ?? "";
            members.CommandKeys.Add(new KeyedLocation(cmd, LocationInfo.From(attribute.ApplicationSyntaxReference)));
            var args = InjectedArgs(method, attribute, _types.CommandContext,
                "(), (CommandContext), (CancellationToken) or (CommandContext, CancellationToken)");
            var call = VoidCall(method, attribute, args);
            if (call is null) return;
            members.Commands.Add(new CommandModel(cmd, CtorString(attribute, 1) ?? "", NamedString(attribute, "Category"),
                NamedString(attribute, "Data"), call));
        }

        // ---- APIs and module overrides: parameters bound by name ---------------------------------------------------

        private ApiModel? ParseApi(IMethodSymbol method, AttributeData attribute, Members members)
        {
            var path = CtorString(attribute, 0) ?? "";
            var verbs = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int v ? v : 1;
            // A path without '/' (MPP0002) and a path and verb used twice (MPP0004) are reported by analyzers.

            var args = BoundArgs(method, _types.ApiRequest, path, bodyAllowed: true);
            var (kind, result) = ClassifyReturn(method);
            var auth = 0;
            foreach (var pair in attribute.NamedArguments)
                if (pair.Key == "Auth" && pair.Value.Value is int a) auth = a;
            var model = new ApiModel(path, verbs, NamedString(attribute, "Summary"), NamedString(attribute, "Description"), auth,
                Call(method, args, kind, result));
            members.Apis.Add(model);
            return model;
        }

        private void ParseModuleOverride(IMethodSymbol method, AttributeData attribute, Members members)
        {
            // A module call has no body: every argument, complex ones included, is a named JSON value.
            var args = BoundArgs(method, _types.ModuleCall, CtorString(attribute, 0) ?? method.Name, bodyAllowed: false);
            var (kind, result) = ClassifyReturn(method);
            members.ModuleOverrides.Add(new ModuleOverrideModel(CtorString(attribute, 0) ?? "", Call(method, args, kind, result)));
        }

        /// <summary>
        /// Parameters of an API or module override: the request/call and CancellationToken are injected; simple values
        /// (strings, numbers, bools, enums, dates, guids) bind by name; any other type receives the JSON body.
        /// Optional = has a default value or is nullable.
        /// </summary>
        private List<ArgModel> BoundArgs(IMethodSymbol method, INamedTypeSymbol? contextType, string endpoint, bool bodyAllowed)
        {
            var args = new List<ArgModel>();
            var bodies = new List<string>();
            foreach (var parameter in method.Parameters)
            {
                var type = parameter.Type;
                if (contextType is not null && KnownTypes.Is(type, contextType))
                {
                    args.Add(Arg(ArgSource.Context, parameter));
                    continue;
                }
                if (KnownTypes.Is(type, _types.CancellationToken))
                {
                    args.Add(Arg(ArgSource.Token, parameter));
                    continue;
                }
                var nullable = type.NullableAnnotation == NullableAnnotation.Annotated ||
                               type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
                var fullType = type.ToDisplayString(FullName);
                var shortType = type.ToDisplayString(ShortName);
                if (bodyAllowed && !IsSimple(type))
                {
                    bodies.Add(parameter.Name);
                    args.Add(new ArgModel(ArgSource.Body, parameter.Name, fullType, shortType, null, nullable || parameter.HasExplicitDefaultValue));
                    continue;
                }
                if (parameter.HasExplicitDefaultValue)
                    args.Add(new ArgModel(ArgSource.Optional, parameter.Name, fullType, shortType, DefaultLiteral(parameter), true));
                else if (nullable)
                    args.Add(new ArgModel(ArgSource.Optional, parameter.Name, fullType, shortType, "default", true));
                else
                    args.Add(new ArgModel(ArgSource.Required, parameter.Name, fullType, shortType, null, false));
            }
            if (bodies.Count > 1)
                Report(DiagnosticDescriptors.SeveralBodies, Where(method), string.Join(", ", bodies.Select(b => "'" + b + "'")), endpoint);
            return args;
        }

        private bool IsSimple(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                type = nullable.TypeArguments[0];
            if (type.TypeKind == TypeKind.Enum || KnownTypes.IsNumber(type.SpecialType)) return true;
            if (type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_DateTime)
                return true;
            return KnownTypes.Is(type, _types.Guid) || KnownTypes.Is(type, _types.DateTimeOffset) || KnownTypes.Is(type, _types.TimeSpan) ||
                   KnownTypes.Is(type, _types.DateOnly) || KnownTypes.Is(type, _types.TimeOnly);
        }

        /// <summary>The parameter's default value as a C# expression of its type.</summary>
        private static string DefaultLiteral(IParameterSymbol parameter)
        {
            var value = parameter.ExplicitDefaultValue;
            if (value is null) return "default";
            var type = parameter.Type.ToDisplayString(FullName);
            switch (value)
            {
                case string s: return SymbolDisplay.FormatLiteral(s, quote: true);
                case bool b: return b ? "true" : "false";
                case char c: return SymbolDisplay.FormatLiteral(c, quote: true);
                case float f: return "(" + type + ")" + f.ToString("R", CultureInfo.InvariantCulture) + "F";
                case double d: return "(" + type + ")" + d.ToString("R", CultureInfo.InvariantCulture) + "D";
                case decimal m: return "(" + type + ")" + m.ToString(CultureInfo.InvariantCulture) + "M";
            }
            // Integers, and enums (whose default arrives as the underlying number): a cast keeps the type exact.
            var number = Convert.ToString(value, CultureInfo.InvariantCulture);
            return "(" + type + ")(" + number + ")";
        }

        // ---- services -----------------------------------------------------------------------------------------------

        private void ParseService(IMethodSymbol method, AttributeData attribute, Members members, ITypeSymbol? configType)
        {
            var id = CtorString(attribute, 0) ?? "";
            var name = CtorString(attribute, 1) ?? "";
            var cron = NamedString(attribute, "Cron");
            var interval = NamedInt(attribute, "IntervalSeconds", 0);
            var date = NamedString(attribute, "Date");
            var cronFrom = NamedString(attribute, "CronFrom");
            var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference);
            if (id.Length == 0) Report(DiagnosticDescriptors.EmptyId, ArgumentLocation(attribute, "id", 0), "The id", "Service", method.Name);
            members.ServiceKeys.Add(new KeyedLocation(id, attributeLocation));

            var triggers = new List<string>();
            if (cron is not null) triggers.Add("Cron");
            if (interval != 0) triggers.Add("IntervalSeconds");
            if (date is not null) triggers.Add("Date");
            if (cronFrom is not null) triggers.Add("CronFrom");
            var trigger = Manifest.ServiceTriggerKind.Cron;
            if (triggers.Count == 0)
                Report(DiagnosticDescriptors.ServiceTrigger, attributeLocation, id, "has no trigger");
            else if (triggers.Count > 1)
                Report(DiagnosticDescriptors.ServiceTrigger, attributeLocation, id, "has several triggers (" + string.Join(", ", triggers) + ")");

            if (cron is not null)
            {
                trigger = Manifest.ServiceTriggerKind.Cron;
                var error = CronValidator.Validate(cron);
                if (error is not null) Report(DiagnosticDescriptors.InvalidCron, ArgumentLocation(attribute, "Cron", -1), cron, error);
            }
            if (interval != 0)
            {
                trigger = Manifest.ServiceTriggerKind.Interval;
                if (interval < 0)
                    Report(DiagnosticDescriptors.InvalidInterval, ArgumentLocation(attribute, "IntervalSeconds", -1),
                        interval.ToString(CultureInfo.InvariantCulture), id);
            }
            if (date is not null)
            {
                trigger = Manifest.ServiceTriggerKind.Date;
                if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    Report(DiagnosticDescriptors.InvalidDate, ArgumentLocation(attribute, "Date", -1), date, id);
            }
            if (cronFrom is not null)
            {
                trigger = Manifest.ServiceTriggerKind.ConfigCron;
                var property = configType?.GetMembers(cronFrom).OfType<IPropertySymbol>()
                    .FirstOrDefault(p => !p.IsStatic && p.GetMethod is { DeclaredAccessibility: Accessibility.Public });
                if (property is null || property.Type.SpecialType != SpecialType.System_String)
                {
                    // Also look at base classes of the config (GetMembers only sees the declared ones).
                    property = null;
                    for (var t = configType; t is not null && property is null; t = t.BaseType)
                        property = t.GetMembers(cronFrom).OfType<IPropertySymbol>().FirstOrDefault(p =>
                            !p.IsStatic && p.GetMethod is { DeclaredAccessibility: Accessibility.Public } && p.Type.SpecialType == SpecialType.System_String);
                }
                if (property is null)
                {
                    Report(DiagnosticDescriptors.InvalidCronFrom, ArgumentLocation(attribute, "CronFrom", -1), cronFrom,
                        configType?.ToDisplayString(ShortName) ?? "the config");
                    cronFrom = null;
                }
            }

            var args = InjectedArgs(method, attribute, null, "() or (CancellationToken)");
            var call = VoidCall(method, attribute, args);
            if (call is null || triggers.Count != 1) return;
            members.Services.Add(new ServiceModel(id, name, trigger, cron, interval, date, cronFrom, call));
        }

        // ---- events -------------------------------------------------------------------------------------------------

        private void ParseEventHandler(IMethodSymbol method, AttributeData attribute, Members members, bool chain)
        {
            if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Type is not INamedTypeSymbol enumType) return;
            var value = attribute.ConstructorArguments[0].Value;
            var member = enumType.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            if (member is null) return; // a cast number that names no event: the compiler-level enum check is the author's
            var expected = member.GetAttributes()
                .FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _types.EventDataAttribute))?
                .ConstructorArguments.FirstOrDefault().Value as ITypeSymbol;
            var baseData = chain ? _types.ChainEventData : _types.EventData;
            var wrapper = chain ? _types.PluginChainEvent : _types.PluginEvent;
            var attributeName = chain ? "ChainHandler" : "EventHandler";
            var eventName = enumType.Name + "." + member.Name;

            var args = new List<ArgModel>();
            var ok = true;
            foreach (var parameter in method.Parameters)
            {
                var type = parameter.Type;
                if (KnownTypes.Is(type, _types.CancellationToken)) { args.Add(Arg(ArgSource.Token, parameter)); continue; }
                if (KnownTypes.Is(type, wrapper)) { args.Add(Arg(ArgSource.Context, parameter)); continue; }
                if (DerivesFrom(type, _types.EventData))
                {
                    // The delivered data is of the expected type; the parameter may be that type or one of its bases.
                    if (expected is not null && DerivesFrom(expected, type as INamedTypeSymbol))
                    {
                        var source = KnownTypes.Is(type, baseData) || (!chain && KnownTypes.Is(type, _types.EventData)) ||
                                     (chain && (KnownTypes.Is(type, _types.EventData) || KnownTypes.Is(type, _types.ChainEventData)))
                            ? ArgSource.EventData
                            : ArgSource.EventDataCast;
                        args.Add(Arg(source, parameter));
                        continue;
                    }
                    // Event data of another type: HandlerParameterAnalyzer reports MPP0012; the handler is left out.
                    ok = false;
                    continue;
                }
                Report(DiagnosticDescriptors.UnsupportedParameter, Where(parameter), parameter.Name, type.ToDisplayString(ShortName),
                    attributeName, $"({expected?.Name ?? "the event data"}), ({wrapper?.Name}) or (), optionally followed by CancellationToken");
                ok = false;
            }
            var call = VoidCall(method, attribute, ok ? args : null);
            if (call is null) return;
            if (chain)
                members.ChainHandlers.Add(new ChainHandlerModel(member.Name, NamedInt(attribute, "Priority", 100), call));
            else
                members.EventHandlers.Add(new EventHandlerModel(member.Name, call));
        }

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var t = type; t is not null; t = t.BaseType)
                if (KnownTypes.Is(t, baseType)) return true;
            return false;
        }

        // ---- dashboards, actions, messages, storage -----------------------------------------------------------------

        private void ParseDashboard(IMethodSymbol method, AttributeData attribute, Members members)
        {
            var key = CtorString(attribute, 0) ?? "";
            // A key used twice is DuplicateKeysAnalyzer's MPP0006.
            if (key.Length == 0) Report(DiagnosticDescriptors.EmptyId, ArgumentLocation(attribute, "key", 0), "The key", "Dashboard", method.Name);

            var args = InjectedArgs(method, attribute, _types.DashboardRequest, "() or (DashboardRequest), optionally followed by CancellationToken");
            var call = TypedCall(method, attribute, args, _types.DashboardView, false, "DashboardView, Task<DashboardView> or ValueTask<DashboardView>");
            if (call is null) return;
            members.Dashboards.Add(new DashboardModel(key, CtorString(attribute, 1) ?? "", NamedInt(attribute, "Cols", 12),
                NamedInt(attribute, "Md", 0), NamedInt(attribute, "Refresh", 0), NamedBool(attribute, "Border", true),
                NamedString(attribute, "Title"), NamedString(attribute, "Subtitle"), call));
        }

        private void ParseWorkflowAction(IMethodSymbol method, AttributeData attribute, Members members)
        {
            var id = CtorString(attribute, 0) ?? "";
            // An id used twice is DuplicateKeysAnalyzer's MPP0007.
            if (id.Length == 0) Report(DiagnosticDescriptors.EmptyId, ArgumentLocation(attribute, "id", 0), "The id", "WorkflowAction", method.Name);

            var args = InjectedArgs(method, attribute, _types.ActionContext, "(ActionContext) or (ActionContext, CancellationToken)");
            var call = TypedCall(method, attribute, args, _types.ActionResult, true,
                "ActionResult or bool, or a Task/ValueTask of either");
            if (call is null) return;
            members.WorkflowActions.Add(new WorkflowActionModel(id, CtorString(attribute, 1) ?? "", NamedString(attribute, "Description"), call));
        }

        private void ParseMessageAction(IMethodSymbol method, AttributeData attribute, Members members)
        {
            // A callback value handled twice is DuplicateKeysAnalyzer's MPP0008.
            var data = CtorString(attribute, 0);

            var args = InjectedArgs(method, attribute, _types.MessageActionContext,
                "(MessageActionContext) or (MessageActionContext, CancellationToken)");
            var call = VoidCall(method, attribute, args);
            if (call is null) return;
            members.MessageActions.Add(new MessageActionModel(data, call));
        }

        private void ParseStorageProvider(IMethodSymbol method, AttributeData attribute, Members members)
        {
            var args = InjectedArgs(method, attribute, null, "()");
            var (kind, result) = ClassifyReturn(method);
            if (kind != ReturnKind.Value || result is null ||
                !(KnownTypes.Is(result, _types.StorageProvider) || result.AllInterfaces.Any(i => KnownTypes.Is(i, _types.StorageProvider))))
            {
                Report(DiagnosticDescriptors.UnsupportedReturn, Where(method), "StorageProvider", method.Name,
                    method.ReturnType.ToDisplayString(ShortName), "IStorageProvider (a new provider for each call)");
                return;
            }
            if (args is null || args.Count > 0)
            {
                if (args is { Count: > 0 })
                    Report(DiagnosticDescriptors.UnsupportedParameter, Where(method.Parameters[0]), method.Parameters[0].Name,
                        method.Parameters[0].Type.ToDisplayString(ShortName), "StorageProvider", "()");
                return;
            }
            members.StorageProviders.Add(new StorageProviderModel(CtorString(attribute, 0) ?? "", CtorString(attribute, 1) ?? "",
                Call(method, args, kind, result)));
        }

        // ---- discover and recommend sources -------------------------------------------------------------------------

        private void ParseDiscoverSource(IMethodSymbol method, AttributeData attribute, Members members, ApiModel? api)
        {
            if (api is null)
            {
                Report(DiagnosticDescriptors.SourceWithoutApi, LocationInfo.From(attribute.ApplicationSyntaxReference), "DiscoverSource",
                    method.Name, ToSnake(method.Name));
                return;
            }
            var filterUi = NamedString(attribute, "FilterUi");
            if (filterUi is not null && !IsFilterUiMethod(filterUi))
            {
                Report(DiagnosticDescriptors.InvalidFilterUi, ArgumentLocation(attribute, "FilterUi", -1), filterUi);
                filterUi = null;
            }
            var filters = api.Call.Args
                .Where(a => a.Source is ArgSource.Required or ArgSource.Optional && !string.Equals(a.Name, "page", StringComparison.OrdinalIgnoreCase))
                .Select(a => a.Name)
                .ToEquatableArray();
            members.DiscoverSources.Add(new DiscoverSourceModel(CtorString(attribute, 0) ?? "", CtorString(attribute, 1) ?? "",
                "plugin/" + _id + api.Path, filters, filterUi));
        }

        private void ParseRecommendSource(IMethodSymbol method, AttributeData attribute, Members members, ApiModel? api)
        {
            if (api is null)
            {
                Report(DiagnosticDescriptors.SourceWithoutApi, LocationInfo.From(attribute.ApplicationSyntaxReference), "RecommendSource",
                    method.Name, ToSnake(method.Name));
                return;
            }
            members.RecommendSources.Add(new RecommendSourceModel(CtorString(attribute, 0) ?? "", "plugin/" + _id + api.Path));
        }

        private bool IsFilterUiMethod(string name)
        {
            for (var type = (ITypeSymbol?)_class; type is not null; type = type.BaseType)
            {
                foreach (var candidate in type.GetMembers(name).OfType<IMethodSymbol>())
                {
                    if (candidate.IsStatic || candidate.Parameters.Length != 0 || candidate.IsGenericMethod) continue;
                    var returns = candidate.ReturnType;
                    var enumerable = returns.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                        ? returns as INamedTypeSymbol
                        : returns.AllInterfaces.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
                    if (enumerable is not null && KnownTypes.Is(enumerable.TypeArguments[0], _types.UiNode)) return true;
                }
            }
            return false;
        }

        private static string ToSnake(string name)
        {
            var chars = new List<char>();
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0) chars.Add('_');
                chars.Add(char.ToLowerInvariant(name[i]));
            }
            return new string(chars.ToArray());
        }
    }
}

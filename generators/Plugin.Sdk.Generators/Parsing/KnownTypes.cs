using Microsoft.CodeAnalysis;

namespace Plugin.Sdk.Generators.Parsing
{
    /// <summary>The SDK and BCL types the parser compares against, looked up once per parsed plugin.</summary>
    internal sealed class KnownTypes
    {
        // A compilation is immutable, so its well-known types can be shared by every class parsed from it: one set of
        // lookups per compilation instead of one per plugin.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes> s_cache = new();

        public static KnownTypes For(Compilation compilation) => s_cache.GetValue(compilation, static c => new KnownTypes(c));

        private KnownTypes(Compilation compilation)
        {
            INamedTypeSymbol? Get(string name) => compilation.GetTypeByMetadataName(name);
            PluginBaseOfT = Get("Plugin.Sdk.PluginBase`1");
            PluginConfig = Get("Plugin.Sdk.PluginConfig");
            CommandContext = Get("Plugin.Sdk.CommandContext");
            ApiRequest = Get("Plugin.Sdk.ApiRequest");
            ModuleCall = Get("Plugin.Sdk.ModuleCall");
            ActionContext = Get("Plugin.Sdk.ActionContext");
            ActionResult = Get("Plugin.Sdk.ActionResult");
            MessageActionContext = Get("Plugin.Sdk.MessageActionContext");
            DashboardRequest = Get("Plugin.Sdk.DashboardRequest");
            DashboardView = Get("Plugin.Sdk.Ui.DashboardView");
            UiNode = Get("Plugin.Sdk.Ui.UiNode");
            EventData = Get("Plugin.Sdk.EventData");
            ChainEventData = Get("Plugin.Sdk.ChainEventData");
            PluginEvent = Get("Plugin.Sdk.PluginEvent");
            PluginChainEvent = Get("Plugin.Sdk.PluginChainEvent");
            EventDataAttribute = Get("Plugin.Sdk.EventDataAttribute");
            StorageProvider = Get("Plugin.Sdk.IStorageProvider") ?? Get("Plugin.Sdk.Storage.IStorageProvider");
            CancellationToken = Get("System.Threading.CancellationToken");
            Task = Get("System.Threading.Tasks.Task");
            TaskOfT = Get("System.Threading.Tasks.Task`1");
            ValueTask = Get("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = Get("System.Threading.Tasks.ValueTask`1");
            IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
            Guid = Get("System.Guid");
            DateTimeOffset = Get("System.DateTimeOffset");
            TimeSpan = Get("System.TimeSpan");
            DateOnly = Get("System.DateOnly");
            TimeOnly = Get("System.TimeOnly");
        }

        public INamedTypeSymbol? PluginBaseOfT { get; }
        public INamedTypeSymbol? PluginConfig { get; }
        public INamedTypeSymbol? CommandContext { get; }
        public INamedTypeSymbol? ApiRequest { get; }
        public INamedTypeSymbol? ModuleCall { get; }
        public INamedTypeSymbol? ActionContext { get; }
        public INamedTypeSymbol? ActionResult { get; }
        public INamedTypeSymbol? MessageActionContext { get; }
        public INamedTypeSymbol? DashboardRequest { get; }
        public INamedTypeSymbol? DashboardView { get; }
        public INamedTypeSymbol? UiNode { get; }
        public INamedTypeSymbol? EventData { get; }
        public INamedTypeSymbol? ChainEventData { get; }
        public INamedTypeSymbol? PluginEvent { get; }
        public INamedTypeSymbol? PluginChainEvent { get; }
        public INamedTypeSymbol? EventDataAttribute { get; }
        public INamedTypeSymbol? StorageProvider { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol IEnumerableOfT { get; }
        public INamedTypeSymbol? Guid { get; }
        public INamedTypeSymbol? DateTimeOffset { get; }
        public INamedTypeSymbol? TimeSpan { get; }
        public INamedTypeSymbol? DateOnly { get; }
        public INamedTypeSymbol? TimeOnly { get; }

        /// <summary>The built-in numeric types (what a config form shows as a number field and an API binds from a query).</summary>
        public static bool IsNumber(SpecialType type) => type is SpecialType.System_Byte or SpecialType.System_SByte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
            or SpecialType.System_Decimal;

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Plugin.Sdk.Generators.Model
{
    // Everything the pipeline carries between steps is a record of strings, numbers and EquatableArrays: no symbols,
    // no syntax nodes, no Locations. That keeps the models equal across edits that do not change them, so the
    // incremental steps report Cached/Unchanged, and keeps old compilations from being rooted by the driver.

    /// <summary>A source position that can be compared and later turned back into a <see cref="Location"/>.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location) =>
            location is null || location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public static LocationInfo? From(SyntaxReference? reference) =>
            reference is null ? null : From(reference.GetSyntax().GetLocation());
    }

    /// <summary>A diagnostic waiting to be reported: the descriptor id, where, and the message arguments.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments);

    /// <summary>How a method returns, so the emitter can adapt it to the descriptor's delegate shape.</summary>
    internal enum ReturnKind
    {
        Void,
        Task,
        ValueTask,
        Value,
        TaskOfT,
        ValueTaskOfT,
    }

    /// <summary>Where a method argument comes from in the generated lambda.</summary>
    internal enum ArgSource
    {
        /// <summary>The delegate's own context argument (CommandContext, ApiRequest, ActionContext, ...).</summary>
        Context,
        Token,
        /// <summary><c>evt.Data</c> as the event's base data type.</summary>
        EventData,
        /// <summary><c>evt.Data</c> cast to the handler's parameter type.</summary>
        EventDataCast,
        Required,
        Optional,
        Body,
    }

    /// <param name="Type">Fully qualified, with nullable annotations, for casts and generic arguments.</param>
    /// <param name="DisplayType">Short C# spelling for <c>ApiParameter.Type</c> (e.g. <c>int?</c>).</param>
    /// <param name="DefaultValue">A C# expression for the default of an optional argument.</param>
    internal sealed record ArgModel(ArgSource Source, string Name, string Type, string DisplayType, string? DefaultValue, bool Nullable);

    /// <param name="ResultType">Fully qualified T of T / Task&lt;T&gt; / ValueTask&lt;T&gt;.</param>
    internal sealed record MethodCall(string Name, EquatableArray<ArgModel> Args, ReturnKind Return, string? ResultType, bool ResultIsBool);

    internal sealed record CommandModel(string Cmd, string Description, string? Category, string? Data, MethodCall Call);

    internal sealed record ApiModel(string Path, int Verbs, string? Summary, string? Description, int Auth, MethodCall Call);

    internal sealed record ServiceModel(string Id, string Name, Manifest.ServiceTriggerKind Trigger, string? Cron, int IntervalSeconds, string? Date,
        string? CronFrom, MethodCall Call);

    internal sealed record EventHandlerModel(string EventMember, MethodCall Call);

    internal sealed record ChainHandlerModel(string EventMember, int Priority, MethodCall Call);

    internal sealed record DashboardModel(string Key, string Name, int Cols, int Md, int Refresh, bool Border, string? Title,
        string? Subtitle, MethodCall Call);

    internal sealed record WorkflowActionModel(string Id, string Name, string? Description, MethodCall Call);

    internal sealed record ModuleOverrideModel(string Method, MethodCall Call);

    internal sealed record MessageActionModel(string? Data, MethodCall Call);

    internal sealed record StorageProviderModel(string Type, string Name, MethodCall Call);

    internal sealed record DiscoverSourceModel(string Name, string MediaIdPrefix, string ApiPath, EquatableArray<string> FilterParams,
        string? FilterUiMethod);

    internal sealed record RecommendSourceModel(string Name, string ApiPath);

    /// <param name="Value">For enum members, the member name (the emitter maps it through PluginJson's naming).</param>
    internal sealed record OptionModel(string Title, string Value, bool EnumMember);

    internal sealed record ConfigFieldModel(string Property, int Kind, string Label, string? Hint, string? Placeholder, int Md, int Order,
        EquatableArray<OptionModel> Options, bool HasOptions, string? JsonName);

    internal sealed record HistoryModel(string Version, string Notes);

    internal sealed record PluginModel(
        string Id,
        string TypeName,
        string Name,
        string Description,
        string? Icon,
        string? Author,
        string? AuthorUrl,
        int Level,
        EquatableArray<string> Labels,
        int Order,
        EquatableArray<HistoryModel> History,
        string ConfigType,
        EquatableArray<ConfigFieldModel> ConfigFields,
        bool HasPage,
        EquatableArray<CommandModel> Commands,
        EquatableArray<ApiModel> Apis,
        EquatableArray<ServiceModel> Services,
        EquatableArray<EventHandlerModel> EventHandlers,
        EquatableArray<ChainHandlerModel> ChainHandlers,
        EquatableArray<DashboardModel> Dashboards,
        EquatableArray<WorkflowActionModel> WorkflowActions,
        EquatableArray<ModuleOverrideModel> ModuleOverrides,
        EquatableArray<MessageActionModel> MessageActions,
        EquatableArray<StorageProviderModel> StorageProviders,
        EquatableArray<DiscoverSourceModel> DiscoverSources,
        EquatableArray<RecommendSourceModel> RecommendSources,
        bool VueRenderMode = false);

    internal sealed record KeyedLocation(string Key, LocationInfo? Location);

    /// <summary>What cross-plugin checks (ids unique within the compilation, the version) need of one plugin.</summary>
    internal sealed record PluginKeys(string Id, string TypeName, LocationInfo? Location, EquatableArray<KeyedLocation> Commands, EquatableArray<KeyedLocation> Services);

    /// <summary>The result of parsing one [Plugin] class: the model (null when the class cannot be registered) and its diagnostics.</summary>
    internal sealed record PluginParseResult(PluginModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, PluginKeys Keys);

    /// <summary>Build inputs that are not in the source: MSBuild properties and the referenced SDK.</summary>
    /// <param name="DefaultIcon">The project's &lt;PluginIcon&gt; file name, for plugins whose [Plugin] names no icon.</param>
    /// <param name="Capabilities">The project's <c>&lt;PluginCapabilities&gt;</c>, normalised to "a;b" (lower case, sorted,
    /// no duplicates); null when not set.</param>
    internal sealed record BuildInfo(string Version, string? PackageId, string SdkVersion, string? DefaultIcon = null, string? Capabilities = null);
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Plugin.Sdk.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports, in one place so the ids stay unique and match AnalyzerReleases.*.md.
    /// Errors for what breaks the plugin at build or run time; warnings for what works but is likely a mistake.
    /// Messages say what to write instead.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Plugin.Sdk";

        private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new();

        public static readonly DiagnosticDescriptor CommandWithoutSlash = Error("MPP0001", "Command must start with '/'",
            "Command '{0}' must start with '/': write \"/{0}\"");

        public static readonly DiagnosticDescriptor ApiPathWithoutSlash = Error("MPP0002", "API path must start with '/'",
            "API path '{0}' must start with '/': write \"/{0}\"");

        public static readonly DiagnosticDescriptor DuplicateCommand = Error("MPP0003", "Duplicate command",
            "Command '{0}' is already registered by {1}: commands are global to the host, choose another command");

        public static readonly DiagnosticDescriptor DuplicateApi = Error("MPP0004", "Duplicate API",
            "API {0} '{1}' is already handled by {2}: change the path or the verbs of one of them");

        public static readonly DiagnosticDescriptor DuplicateService = Error("MPP0005", "Duplicate service id",
            "Service id '{0}' is already used by {1}: service ids are global to the host, choose another id");

        public static readonly DiagnosticDescriptor DuplicateDashboard = Error("MPP0006", "Duplicate dashboard key",
            "Dashboard key '{0}' is already used by {1}: give each dashboard of a plugin its own key");

        public static readonly DiagnosticDescriptor DuplicateWorkflowAction = Error("MPP0007", "Duplicate workflow action id",
            "Workflow action id '{0}' is already used by {1}: give each action of a plugin its own id");

        public static readonly DiagnosticDescriptor DuplicateMessageAction = Error("MPP0008", "Duplicate message action",
            "Message action {0} is already handled by {1}: keep one method per callback value");

        public static readonly DiagnosticDescriptor InvalidCron = Error("MPP0009", "Invalid crontab",
            "'{0}' is not a valid 5-field crontab: {1}. Write 'minute hour day-of-month month day-of-week', e.g. \"0 8 * * *\"");

        public static readonly DiagnosticDescriptor InvalidCronFrom = Error("MPP0010", "CronFrom names no string property of the config",
            "CronFrom = \"{0}\" names no public string property of {1}: write CronFrom = nameof({1}.<a string property holding the crontab>)");

        public static readonly DiagnosticDescriptor ServiceTrigger = Error("MPP0011", "A service needs exactly one trigger",
            "Service '{0}' {1}: set exactly one of Cron, IntervalSeconds, Date or CronFrom");

        public static readonly DiagnosticDescriptor HandlerParameter = Error("MPP0012", "Handler parameter does not fit its event",
            "{0} '{1}' receives {2}, whose data is {3}, not {4}: declare the parameter as {3} (or {5})");

        public static readonly DiagnosticDescriptor InvalidLevel = Error("MPP0013", "Plugin level outside 1-3",
            "Level = {0} is not a market level: write 1 (everyone), 2 (authenticated users) or 3 (only with a key)");

        public static readonly DiagnosticDescriptor PluginNotPartial = Warning("MPP0014", "Plugin class should be partial",
            "Plugin class '{0}' should be declared 'public partial class {0}' so that the SDK can add members to it");

        public static readonly DiagnosticDescriptor PluginNotPublic = Error("MPP0015", "Plugin class must be public",
            "Plugin class '{0}' must be public: write 'public partial class {0}'");

        public static readonly DiagnosticDescriptor PluginNotDerived = Error("MPP0016", "Plugin class must derive from PluginBase",
            "Plugin class '{0}' must derive from PluginBase<TConfig> (or PluginBase): write 'public partial class {0} : PluginBase<{0}Config>'");

        public static readonly DiagnosticDescriptor PluginGeneric = Error("MPP0017", "Plugin class cannot be generic",
            "Plugin class '{0}' cannot be generic: the host creates it without type arguments; move the type parameters to a helper class");

        public static readonly DiagnosticDescriptor PluginNested = Error("MPP0018", "Plugin class cannot be nested",
            "Plugin class '{0}' is nested in '{1}': declare it at namespace level");

        public static readonly DiagnosticDescriptor InvalidVersion = Error("MPP0019", "Plugin version is not semver",
            "Version '{0}' of plugin '{1}' is not a semantic version: set <Version>{2}</Version> (MAJOR.MINOR.PATCH, optional -prerelease) in the project");

        public static readonly DiagnosticDescriptor DuplicatePluginId = Error("MPP0020", "Two plugins with one id",
            "Plugin id '{0}' (the class name) is also used by {1}: rename one of the classes");

        public static readonly DiagnosticDescriptor InvalidMethod = Error("MPP0021", "Attributed method cannot be static or generic",
            "[{0}] cannot be used on {1} method '{2}': make it a non-generic instance method of the plugin");

        public static readonly DiagnosticDescriptor UnsupportedParameter = Error("MPP0022", "Unsupported parameter",
            "Parameter '{0}' of type {1} is not supported on a [{2}] method: write one of the allowed signatures {3}");

        public static readonly DiagnosticDescriptor UnsupportedReturn = Error("MPP0023", "Unsupported return type",
            "[{0}] method '{1}' returns {2}: return {3}");

        public static readonly DiagnosticDescriptor SourceWithoutApi = Error("MPP0024", "Source without [Api]",
            "[{0}] on '{1}' needs an [Api] on the same method: the host calls the source through the plugin API, e.g. add [Api(\"/{2}\")]");

        public static readonly DiagnosticDescriptor InvalidFilterUi = Error("MPP0025", "FilterUi names no suitable method",
            "FilterUi = \"{0}\" names no parameterless instance method of the plugin returning IEnumerable<UiNode>: write FilterUi = nameof(<such a method>)");

        public static readonly DiagnosticDescriptor PluginNotCreatable = Error("MPP0026", "Plugin class cannot be created",
            "Plugin class '{0}' {1}: the host creates plugins with 'new {0}()'; make it non-abstract with a public parameterless constructor");

        public static readonly DiagnosticDescriptor InvalidDate = Error("MPP0027", "Invalid service date",
            "Date '{0}' of service '{1}' is not an ISO 8601 date and time: write e.g. \"2025-01-31T08:00:00+08:00\"");

        public static readonly DiagnosticDescriptor SeveralBodies = Warning("MPP0028", "Several API parameters take the JSON body",
            "Parameters {0} of API '{1}' all receive the whole JSON body: keep one complex parameter and bind the others by name as simple types");

        public static readonly DiagnosticDescriptor InvalidInterval = Error("MPP0029", "Service interval must be positive",
            "IntervalSeconds = {0} of service '{1}' is not positive: write the number of seconds between runs, greater than 0");

        public static readonly DiagnosticDescriptor EmptyId = Error("MPP0030", "Empty identifier",
            "{0} of [{1}] on '{2}' is empty: give it a non-empty value");

        public static readonly DiagnosticDescriptor InternalError = Error("MPP0031", "The plugin generator failed",
            "The plugin generator could not process '{0}': {1}. The plugin is not registered; please report this with the source that caused it");

        public static readonly DiagnosticDescriptor MusicNotSource = Error("MPP0032", "[MusicSource] class must implement IMusicSource",
            "Music source class '{0}' must implement IMusicSource: write 'public sealed class {0} : IMusicSource' and override the functions it offers");

        public static readonly DiagnosticDescriptor MusicNotCreatable = Error("MPP0033", "Music source class cannot be created",
            "Music source class '{0}' {1}: the host creates sources with 'new {0}()'; make it a public, non-abstract, non-generic, top-level class with a public parameterless constructor");

        public static readonly DiagnosticDescriptor MusicSearchType = Error("MPP0034", "Unknown music search type",
            "SupportedSearchType '{0}' is not a search type of the seed: write one of \"music\", \"album\", \"artist\", \"sheet\", \"lyric\"");

        public static readonly DiagnosticDescriptor DuplicateMusicPlatform = Error("MPP0035", "Duplicate music platform",
            "Music platform '{0}' is already used by {1}: one installed source per platform, choose another platform name");

        public static readonly DiagnosticDescriptor MethodInaccessible = Error("MPP0036", "Extension point method is not callable",
            "[{0}] on '{1}' of class '{2}' cannot be registered for plugin '{3}': the generated registration calls it from outside the class, so make '{1}' public or internal");

        public static readonly DiagnosticDescriptor DuplicateConfigKey = Warning("MPP0037", "Two config properties with one JSON key",
            "Config property '{0}' has the JSON key '{2}', as '{1}' has: only one of them is saved. Give one a [JsonPropertyName] of its own, or change [ConfigKeys]");

        public static DiagnosticDescriptor? ById(string id) => s_byId.TryGetValue(id, out var descriptor) ? descriptor : null;

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            Register(new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true));

        private static DiagnosticDescriptor Warning(string id, string title, string message) =>
            Register(new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true));

        private static DiagnosticDescriptor Register(DiagnosticDescriptor descriptor)
        {
            s_byId[descriptor.Id] = descriptor;
            return descriptor;
        }
    }
}

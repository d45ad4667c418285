using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Schema = Plugin.Sdk.Manifest.MarketEntrySchema;

namespace Plugin.Sdk.Build
{
    /// <summary>
    /// After a plugin project builds: reads every <c>[assembly: PluginMarketEntry]</c> of the built assembly, writes the
    /// project's <c>package.json</c> and merges the same entries into the solution-wide one.
    /// Error codes (shown to plugin authors, documented in Plugin.Sdk.targets): MPPB001 no [Plugin] entry, MPPB003 an
    /// entry that is not a JSON object or a plugin id twice, MPPB004 the merged file could not be locked or written;
    /// warning MPPB005 two projects write the same plugin id into one merged file, MPPB006 an unreadable merged file.
    /// </summary>
    public sealed class WritePluginMarketJson : Task, ICancelableTask
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        /// <summary>The built plugin assembly.</summary>
        [Required]
        public string AssemblyPath { get; set; } = "";

        /// <summary>The project's own package.json (packed at the package root).</summary>
        [Required]
        public string OutputFile { get; set; } = "";

        /// <summary>The solution-wide package.json to merge into; empty to skip merging.</summary>
        public string? MergedFile { get; set; }

        /// <summary>Where the ids this project last merged are remembered (under obj/), so a renamed plugin's entry is removed.</summary>
        public string? StateFile { get; set; }

        /// <summary>The project's package id; entries stamped with it belong to this project.</summary>
        public string? PackageId { get; set; }

        /// <summary>How long to wait for another build holding the merged file (seconds).</summary>
        public int LockTimeoutSeconds { get; set; } = 120;

        /// <summary>The plugin ids found, each with metadata <c>Icon</c> (the entry's icon, may be empty), <c>Version</c> and
        /// <c>RenderMode</c> (<c>vue</c> for a plugin that declared <c>[Plugin(RenderMode = RenderMode.Vue)]</c>, else empty;
        /// the targets check that such a plugin's module exists).</summary>
        [Output]
        public ITaskItem[] Plugins { get; private set; } = Array.Empty<ITaskItem>();

        public void Cancel() => _cancel.Cancel();

        public override bool Execute()
        {
            if (!File.Exists(AssemblyPath))
            {
                Log.LogError(null, "MPPB001", null, AssemblyPath, 0, 0, 0, 0, "The plugin assembly '{0}' was not built, so package.json cannot be written.", AssemblyPath);
                return false;
            }

            IReadOnlyList<MarketEntry> raw;
            try
            {
                raw = MarketEntryReader.Read(AssemblyPath);
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is IOException)
            {
                Log.LogError(null, "MPPB003", null, AssemblyPath, 0, 0, 0, 0, "Cannot read the market entries of '{0}': {1}", AssemblyPath, ex.Message);
                return false;
            }

            if (raw.Count == 0)
            {
                var musicSources = ReadMusicSourceTypesSafely();
                if (musicSources.Count > 0)
                {
                    // A music-only project is a plausible first attempt; say what to add rather than "no [Plugin] class".
                    Log.LogError(null, "MPPB001", null, AssemblyPath, 0, 0, 0, 0,
                        "{0} has [MusicSource] class(es) ({1}) but no [Plugin] class, so there is no package.json entry to carry them. The market lists, and the host " +
                        "installs and enables, a package by its [Plugin] entry, which also lists the music sources. Add one beside them, e.g. " +
                        "[Plugin(Name = \"{2}\", Description = \"...\")] public partial class {2}Plugin : PluginBase; (what `dotnet new mpmusic` generates), " +
                        "or set <IsPluginPackage>false</IsPluginPackage> for a library whose sources a host registers itself.",
                        Path.GetFileName(AssemblyPath), string.Join(", ", musicSources), Path.GetFileNameWithoutExtension(AssemblyPath));
                    return false;
                }
                Log.LogError(null, "MPPB001", null, AssemblyPath, 0, 0, 0, 0,
                    "{0} has no [Plugin] class, so there is no package.json entry to write. Mark the plugin's public partial class with [Plugin(Name = ..., Description = ...)] " +
                    "(and make sure the Plugin.Sdk generator runs: reference Plugin.Sdk as a PackageReference), or set <IsPluginPackage>false</IsPluginPackage> for a library or test kit.",
                    Path.GetFileName(AssemblyPath));
                return false;
            }

            var entries = new List<KeyValuePair<string, JsonObject>>();
            foreach (var entry in raw)
            {
                JsonObject? value = null;
                try
                {
                    value = JsonNode.Parse(entry.Json) as JsonObject;
                }
                catch (FormatException ex)
                {
                    Log.LogError(null, "MPPB003", null, AssemblyPath, 0, 0, 0, 0, "The market entry of plugin '{0}' is not valid JSON ({1}). Rebuild; if it persists, report it with the entry: {2}", entry.PluginId, ex.Message, entry.Json);
                    continue;
                }
                if (value is null)
                {
                    Log.LogError(null, "MPPB003", null, AssemblyPath, 0, 0, 0, 0, "The market entry of plugin '{0}' is not a JSON object: {1}", entry.PluginId, entry.Json);
                    continue;
                }
                if (entries.Any(e => e.Key == entry.PluginId))
                {
                    Log.LogError(null, "MPPB003", null, AssemblyPath, 0, 0, 0, 0, "Plugin id '{0}' appears twice in {1}: each [Plugin] class needs its own name.", entry.PluginId, Path.GetFileName(AssemblyPath));
                    continue;
                }
                entries.Add(new KeyValuePair<string, JsonObject>(entry.PluginId, value));
            }
            if (Log.HasLoggedErrors) return false;
            // Ordinal order everywhere (file, merged file, task output): the same sources always give the same results.
            entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));

            var written = MarketJsonFile.WriteIfChanged(OutputFile, MarketJsonFile.Create(entries).ToIndentedString());
            Log.LogMessage(MessageImportance.Low, "{0} {1} ({2})", written ? "Wrote" : "Unchanged:", OutputFile, string.Join(", ", entries.Select(e => e.Key)));

            if (!string.IsNullOrWhiteSpace(MergedFile) && !Merge(entries)) return false;

            Plugins = entries.Select(e =>
            {
                var item = new TaskItem(e.Key);
                item.SetMetadata("Icon", (e.Value.Get(Schema.Icon) as JsonString)?.Value ?? "");
                item.SetMetadata("Version", (e.Value.Get(Schema.Version) as JsonString)?.Value ?? "");
                item.SetMetadata("RenderMode", (e.Value.Get(Schema.RenderMode) as JsonString)?.Value ?? "");
                return (ITaskItem)item;
            }).ToArray();
            return !Log.HasLoggedErrors;
        }

        private IReadOnlyList<string> ReadMusicSourceTypesSafely()
        {
            try
            {
                return MarketEntryReader.ReadMusicSourceTypes(AssemblyPath);
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is IOException)
            {
                // Only used to word the error better; the generic MPPB001 still says what is wrong.
                return Array.Empty<string>();
            }
        }

        private bool Merge(IReadOnlyList<KeyValuePair<string, JsonObject>> entries)
        {
            var merged = Path.GetFullPath(MergedFile!);
            try
            {
                using (MarketJsonFile.AcquireLock(merged + ".lock", TimeSpan.FromSeconds(LockTimeoutSeconds), _cancel.Token))
                {
                    var document = MarketJsonFile.TryRead(merged, out var error);
                    if (error != null)
                        Log.LogWarning(null, "MPPB006", null, merged, 0, 0, 0, 0, "'{0}' could not be read ({1}); it is written anew from this project's entries.", merged, error);
                    document = document ?? new JsonObject();

                    var previous = ReadState();
                    var overwritten = MarketJsonFile.Merge(document, entries, previous, PackageId);
                    foreach (var id in overwritten)
                        Log.LogWarning(null, "MPPB005", null, AssemblyPath, 0, 0, 0, 0,
                            "Plugin id '{0}' is also written into '{1}' by another project; this project's entry replaces it. Plugin ids (class names) must be unique across the solution.", id, merged);

                    var written = MarketJsonFile.WriteIfChanged(merged, document.ToIndentedString());
                    Log.LogMessage(MessageImportance.Normal, "{0} {1}", written ? "Merged into" : "Unchanged:", merged);
                    WriteState(entries.Select(e => e.Key));
                }
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Log.LogError(null, "MPPB004", null, merged, 0, 0, 0, 0,
                    "Cannot merge into '{0}': {1}. Another build may hold it; set $(PluginMarketJsonPath) to another file or to 'none' to skip merging.", merged, ex.Message);
                return false;
            }
        }

        private IEnumerable<string> ReadState()
        {
            if (string.IsNullOrWhiteSpace(StateFile) || !File.Exists(StateFile)) return Array.Empty<string>();
            var lines = File.ReadAllLines(StateFile);
            // First line: the merged file these ids went to; a project pointed elsewhere owns nothing in the new file.
            if (lines.Length == 0 || !string.Equals(lines[0], Path.GetFullPath(MergedFile!), StringComparison.Ordinal)) return Array.Empty<string>();
            return lines.Skip(1).Where(l => l.Length > 0).ToArray();
        }

        private void WriteState(IEnumerable<string> ids)
        {
            if (string.IsNullOrWhiteSpace(StateFile)) return;
            MarketJsonFile.WriteIfChanged(StateFile!, Path.GetFullPath(MergedFile!) + "\n" + string.Join("\n", ids) + "\n");
        }
    }
}

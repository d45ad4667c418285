using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Schema = Plugin.Sdk.Manifest.MarketEntrySchema;

namespace Plugin.Sdk.Build
{
    /// <summary>
    /// package.json files in MoviePilot's <c>package.v2.json</c> shape: <c>{ "PluginId": { name, version, ... } }</c>.
    /// Keys are sorted ordinally so a file never depends on which project of a parallel build finished first.
    /// </summary>
    internal static class MarketJsonFile
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>The document for one project: exactly its own entries.</summary>
        public static JsonObject Create(IEnumerable<KeyValuePair<string, JsonObject>> entries)
        {
            var document = new JsonObject();
            foreach (var entry in entries.OrderBy(e => e.Key, StringComparer.Ordinal)) document.Set(entry.Key, entry.Value);
            return document;
        }

        /// <summary>
        /// Replaces this project's entries inside a shared document: entries it wrote last time (<paramref name="previousIds"/>)
        /// and entries stamped with its package id go first, so a renamed plugin leaves no stale entry behind.
        /// Returns the ids of entries that another project had written and this one overwrote.
        /// </summary>
        public static IReadOnlyList<string> Merge(JsonObject document, IReadOnlyList<KeyValuePair<string, JsonObject>> entries,
            IEnumerable<string> previousIds, string? packageId)
        {
            var overwritten = new List<string>();
            var previous = new HashSet<string>(previousIds, StringComparer.Ordinal);
            var current = new HashSet<string>(entries.Select(e => e.Key), StringComparer.Ordinal);
            foreach (var property in document.Properties.ToList())
            {
                var owned = previous.Contains(property.Key) || (packageId != null && PackageIdOf(property.Value) == packageId);
                if (owned) document.Remove(property.Key);
                else if (current.Contains(property.Key)) overwritten.Add(property.Key);
            }
            foreach (var entry in entries) document.Set(entry.Key, entry.Value);
            document.Properties.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return overwritten;
        }

        /// <summary>The generator stamps <c>"dotnet": { "package_id": ... }</c> into each entry; it names the owning project.</summary>
        public static string? PackageIdOf(JsonNode entry) =>
            ((entry as JsonObject)?.Get(Schema.Dotnet) as JsonObject)?.Get(Schema.PackageId) is JsonString id ? id.Value : null;

        public static JsonObject? TryRead(string path, out string? error)
        {
            error = null;
            if (!File.Exists(path)) return null;
            try
            {
                var text = File.ReadAllText(path, Encoding.UTF8);
                if (text.Trim().Length == 0) return null;
                if (JsonNode.Parse(text) is JsonObject document) return document;
                error = "the file is not a JSON object";
            }
            catch (Exception ex) when (ex is FormatException || ex is IOException)
            {
                error = ex.Message;
            }
            return null;
        }

        /// <summary>Writes only when the bytes differ, so an unchanged build leaves timestamps (and incremental packs) alone.</summary>
        public static bool WriteIfChanged(string path, string content)
        {
            var bytes = Utf8NoBom.GetBytes(content);
            if (File.Exists(path))
            {
                var existing = File.ReadAllBytes(path);
                if (existing.SequenceEqual(bytes)) return false;
            }
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            // Write beside the target and rename: a reader (or a crashed build) never sees half a file.
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, bytes);
            try
            {
                if (File.Exists(path)) File.Replace(temp, path, null);
                else File.Move(temp, path);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return true;
        }

        /// <summary>
        /// An exclusive lock shared by every process building into the same merged file (parallel `dotnet build` of a
        /// solution runs one MSBuild node per core). The lock file stays: deleting it on release would let two waiters
        /// lock two different files.
        /// </summary>
        public static FileStream AcquireLock(string path, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            var watch = Stopwatch.StartNew();
            var delay = 20;
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (watch.Elapsed < timeout)
                {
                    if (cancellationToken.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(cancellationToken);
                    delay = Math.Min(delay * 2, 250);
                }
                catch (UnauthorizedAccessException) when (watch.Elapsed < timeout)
                {
                    // Windows reports a file held by another process this way at times.
                    if (cancellationToken.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(cancellationToken);
                    delay = Math.Min(delay * 2, 250);
                }
            }
        }
    }
}

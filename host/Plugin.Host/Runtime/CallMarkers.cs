using System.Collections.Concurrent;
using System.IO.MemoryMappedFiles;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Plugin.Host.Security;

namespace Plugin.Host.Runtime;

/// <summary>
/// Crash markers: which plugins had code running when the host process ended. One small file per plugin in
/// <c>&lt;DataDir&gt;/plugin-calls/</c>, memory-mapped; the invoker counts the plugin's running calls in memory and only the
/// first one in / last one out writes (a few bytes into the mapped page: no system call, no flush). The kernel owns the
/// page, so what was written survives the process ending in any way — Environment.Exit, FailFast, a kill — though not a
/// power cut or an OS crash (no fsync: that would cost a disk flush per call, and the fault this guards against is plugin
/// code ending the process, which leaves the page cache intact).
/// A call counts as running until the plugin code returns, not until the invoker stops waiting: code that ignores its time
/// limit and is still running when the host ends is reported too.
/// At start-up, a marker still set is turned into a "left-over" that keeps the plugin Malfunctioned (PluginManager) until
/// the user resets it, saves its config or installs it again.
/// </summary>
public sealed class CallMarkers : IDisposable
{
    public const string Folder = "plugin-calls";

    // Slot layout: [0] state, [8..16) start time (UTC ticks), [16..18) operation length in bytes, [18..) operation (UTF-8).
    private const int Size = 512;
    private const byte Idle = 0, InCall = 1, LeftOver = 2;
    private const int MaxOperation = Size - 18;

    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _leftOvers = new(StringComparer.OrdinalIgnoreCase);

    public CallMarkers(Hosting.HostPaths paths, ILogger<CallMarkers>? logger = null)
        : this(Path.Combine(paths.DataDir, Folder), logger)
    {
    }

    public CallMarkers(string directory, ILogger<CallMarkers>? logger = null)
    {
        _directory = directory;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Hosting.PrivateFiles.Folder(directory); // the host's own record: no plugin worker may clear its marker
        ReadLeftOvers();
    }

    /// <summary>Why the plugin must not start: the host stopped during a call into it. Null when it may start.</summary>
    public string? LeftOverReason(string pluginId)
    {
        lock (_leftOvers)
            return _leftOvers.GetValueOrDefault(pluginId);
    }

    /// <summary>The user took note (reset, config saved, reinstall): the plugin may start again.</summary>
    public void Clear(string pluginId)
    {
        lock (_leftOvers)
        {
            if (!_leftOvers.Remove(pluginId))
                return;
        }
        var slot = GetSlot(pluginId);
        slot.Held = false;
        slot.Sync(null);
    }

    /// <summary>The plugin was uninstalled: its marker goes with it.</summary>
    public void Forget(string pluginId)
    {
        lock (_leftOvers)
            _leftOvers.Remove(pluginId);
        if (_slots.TryRemove(pluginId, out var slot))
            slot.Dispose();
        try { File.Delete(PathOf(pluginId)); }
        catch (IOException e) { _logger.LogDebug(e, "Could not delete the call marker of {PluginId}", pluginId); }
    }

    /// <summary>A call into <paramref name="pluginId"/> starts; <see cref="Leave"/> the returned slot when its code returns.</summary>
    public Slot Enter(string pluginId, string operation)
    {
        var slot = GetSlot(pluginId);
        // Calls overlapping an earlier one only count (one interlocked add); the first in and the last out write.
        if (Interlocked.Increment(ref slot.Count) == 1)
            slot.Sync(operation);
        return slot;
    }

    public static void Leave(Slot slot)
    {
        if (Interlocked.Decrement(ref slot.Count) == 0)
            slot.Sync(null);
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
            slot.Dispose();
        _slots.Clear();
    }

    private Slot GetSlot(string pluginId) => _slots.GetOrAdd(pluginId, id => new Slot(Open(id)));

    private MemoryMappedViewAccessor? Open(string pluginId)
    {
        try
        {
            using var file = new FileStream(PathOf(pluginId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length < Size)
                file.SetLength(Size);
            using var map = MemoryMappedFile.CreateFromFile(file, null, Size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            return map.CreateViewAccessor(0, Size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without its marker a plugin still runs; only the crash report is lost.
            _logger.LogWarning(e, "Could not open the call marker of {PluginId}: {Message}", pluginId, e.Message);
            return null;
        }
    }

    private void ReadLeftOvers()
    {
        foreach (var path in Directory.EnumerateFiles(_directory, "*.call"))
        {
            var pluginId = Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(path));
            var slot = GetSlot(pluginId);
            if (slot.View is not { } view || view.ReadByte(0) is not (InCall or LeftOver))
                continue;
            var started = new DateTime(Math.Clamp(view.ReadInt64(8), DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            var length = Math.Min(view.ReadUInt16(16), (ushort)MaxOperation);
            var bytes = new byte[length];
            view.ReadArray(18, bytes, 0, length);
            var operation = Encoding.UTF8.GetString(bytes);
            // Kept set (as LeftOver) until the user clears it: a second restart must not bring the plugin back either.
            slot.Held = true;
            view.Write(0, LeftOver);
            var reason = $"The host stopped during a call to {pluginId} ({operation}) at {started:yyyy-MM-dd HH:mm:ss} UTC; " +
                "reset the plugin or save its config to start it again.";
            lock (_leftOvers)
                _leftOvers[pluginId] = reason;
            _logger.LogWarning("Plugin {PluginId}: {Reason}", pluginId, reason);
        }
    }

    private string PathOf(string pluginId) => Path.Combine(_directory, Uri.EscapeDataString(pluginId) + ".call");

    /// <summary>One plugin's running-call count and its mapped marker.</summary>
    public sealed class Slot(MemoryMappedViewAccessor? view) : IDisposable
    {
        // A field for Interlocked; only CallMarkers touches it.
        internal int Count;

        private readonly Lock _gate = new();

        internal MemoryMappedViewAccessor? View { get; } = view;

        /// <summary>Left over from a crash and not yet cleared by the user: the marker stays LeftOver with its report, so a
        /// call made meanwhile (a config check) does not wipe or rewrite it.</summary>
        internal bool Held { get; set; }

        /// <summary>
        /// Writes the state the count says now. A transition to 0 and one to 1 may race to this lock; whichever writes
        /// last reads the count after both, so the marker ends right. <paramref name="operation"/> is the starting call's.
        /// </summary>
        internal void Sync(string? operation)
        {
            lock (_gate)
            {
                if (View is not { } view)
                    return;
                try
                {
                    if (Held)
                        view.Write(0, LeftOver); // the crash report stays as it is until the user clears it
                    else if (Volatile.Read(ref Count) > 0)
                    {
                        if (operation is not null || view.ReadByte(0) != InCall)
                        {
                            var bytes = Encoding.UTF8.GetBytes(operation ?? "a call");
                            var length = Math.Min(bytes.Length, MaxOperation);
                            view.Write(8, DateTime.UtcNow.Ticks);
                            view.Write(16, (ushort)length);
                            view.WriteArray(18, bytes, 0, length);
                        }
                        view.Write(0, InCall); // last: a half-written slot reads as idle
                    }
                    else
                    {
                        view.Write(0, Idle);
                    }
                }
                catch (ObjectDisposedException) { /* the host is being disposed; an abandoned call returned late */ }
            }
        }

        public void Dispose() => View?.Dispose();
    }
}

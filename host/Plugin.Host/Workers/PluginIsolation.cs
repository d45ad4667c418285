namespace Plugin.Host.Workers;

/// <summary>Where a plugin package runs: in the host's own process (today's behaviour) or in a worker process of its own.</summary>
public enum PluginIsolation
{
    /// <summary>In the host's process, in its own load context (fast; a plugin that ends the process ends the host).</summary>
    InProcess,

    /// <summary>In a worker process (<c>dotnet Plugin.Host.dll worker</c>) under the limits of <c>Host:Plugins:Worker</c>.</summary>
    Process,
}

/// <summary>The wire and configuration names of <see cref="PluginIsolation"/>: the enum names, matched without case.</summary>
public static class PluginIsolationNames
{
    /// <summary>The names a caller may use, for messages.</summary>
    public const string Allowed = "InProcess or Process";

    public static bool TryParse(string? text, out PluginIsolation mode) =>
        Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _);
}

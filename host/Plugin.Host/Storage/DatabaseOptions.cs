namespace Plugin.Host.Storage;

/// <summary>
/// <c>Host:Database</c>: where the host keeps what it persists. <c>Provider</c> is <c>sqlite</c> (the default: the file
/// <c>&lt;DataDir&gt;/host.db</c>, nothing to install) or <c>postgres</c> (several hosts on one database);
/// <c>ConnectionString</c> is Npgsql's for <c>postgres</c> (required) and Microsoft.Data.Sqlite's for <c>sqlite</c>
/// (optional, instead of the default file).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Host:Database";
    public const string ProviderKey = Section + ":Provider";
    public const string ConnectionStringKey = Section + ":ConnectionString";

    public string? Provider { get; set; }

    public string? ConnectionString { get; set; }

    /// <summary>The provider named by <see cref="Provider"/>; an unknown name is a start-up error naming the key.</summary>
    public DatabaseProvider ResolveProvider() => (Provider ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new HostStartupException($"{ProviderKey} is '{Provider}'; use 'sqlite' (the default) or 'postgres'."),
    };
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A start-up failure the user fixes in configuration or the environment (an unreachable database, a bad connection
/// string): the host prints the message, which names the setting, and exits with code 1 instead of a stack trace.
/// </summary>
public sealed class HostStartupException(string message, Exception? inner = null) : Exception(message, inner);

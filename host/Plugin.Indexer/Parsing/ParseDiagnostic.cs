namespace Plugin.Indexer.Parsing;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>Something a definition author should know about a parse: which field, which selector, what happened.</summary>
public sealed record ParseDiagnostic(DiagnosticSeverity Severity, string? Field, string? Selector, string Message)
{
    public override string ToString()
    {
        var where = Field is null ? "" : $"field '{Field}'" + (Selector is null ? "" : $" (selector \"{Selector}\")") + ": ";
        return $"{(Severity == DiagnosticSeverity.Error ? "error" : "warning")}: {where}{Message}";
    }
}

/// <summary>The torrents of one page and what went wrong reading them.</summary>
public sealed record ParseResult(IReadOnlyList<TorrentInfo> Torrents, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

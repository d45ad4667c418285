using Plugin.Indexer.Parsing;

namespace Plugin.Indexer.Definitions;

/// <summary>A site definition cannot be used; <see cref="Problems"/> names each field and selector at fault.</summary>
public sealed class SiteDefinitionException : Exception
{
    public SiteDefinitionException(string? siteId, IReadOnlyList<ParseDiagnostic> problems)
        : base($"Site definition '{siteId ?? "(no id)"}' is invalid:{Environment.NewLine}" +
               string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        SiteId = siteId;
        Problems = problems;
    }

    public string? SiteId { get; }
    public IReadOnlyList<ParseDiagnostic> Problems { get; }
}

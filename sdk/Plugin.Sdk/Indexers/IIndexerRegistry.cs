namespace Plugin.Sdk.Indexers;

/// <summary>
/// The host's indexer site list, as seen by one plugin (the seed's <c>SitesHelper().add_indexer(domain, indexer)</c>).
/// Sites a plugin adds are owned by that plugin: the host removes them when the plugin is disabled or uninstalled.
/// </summary>
public interface IIndexerRegistry
{
    /// <summary>Adds or replaces the site definition for <paramref name="domain"/>.</summary>
    void Add(string domain, SiteDefinition definition);

    /// <summary>Adds or replaces a site from its raw JSON definition (kept exactly, unknown keys included).</summary>
    void Add(string domain, string json);

    /// <summary>Removes a site this plugin added; false when it had none for that domain.</summary>
    bool Remove(string domain);

    /// <summary>The sites this plugin has added, by domain.</summary>
    IReadOnlyDictionary<string, SiteDefinition> Sites { get; }
}

namespace Plugin.Sdk.Testing;

/// <summary>A storage entry the plugin added (the seed's <c>add_storage</c>).</summary>
public sealed record AddedStorage(string Type, string Name, IReadOnlyDictionary<string, string>? Config);

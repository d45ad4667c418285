namespace Plugin.Sdk.Generators.Model
{
    internal sealed record UserVariableModel(string Key, string? Name, string? Hint);

    /// <param name="CacheControl">The Plugin.Sdk.Music.CacheControl member name.</param>
    /// <param name="SearchTypes">MusicSearchType member names; null = every type.</param>
    internal sealed record MusicSourceModel(
        string TypeName,
        string Platform,
        string Version,
        EquatableArray<string> PrimaryKey,
        string CacheControl,
        EquatableArray<string>? SearchTypes,
        EquatableArray<string>? ImportMusicItemHints,
        EquatableArray<string>? ImportMusicSheetHints,
        string? Author,
        string? Description,
        string? SrcUrl,
        EquatableArray<UserVariableModel> UserVariables,
        EquatableArray<string> Functions);

    internal sealed record MusicParseResult(MusicSourceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, KeyedLocation Platform);
}

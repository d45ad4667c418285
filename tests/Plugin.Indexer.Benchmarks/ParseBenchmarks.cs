using BenchmarkDotNet.Attributes;
using Plugin.Indexer.Parsing;
using Plugin.Sdk.Indexers;

namespace Plugin.Indexer.Benchmarks;

/// <summary>Parsing one 100-row NexusPHP result page with the seed's NexusPHP definition (target: under 5 ms).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private TorrentParser _parser = null!;
    private string _html = null!;
    private Dom.PageDocument _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var definition = SiteDefinition.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "nexusphp-definition.json")));
        _parser = TorrentParser.Create(definition);
        _html = NexusPhpPage.Build(100);
        var rows = _parser.Parse(_html).Torrents.Count;
        if (rows != 100) throw new InvalidOperationException($"the page should give 100 torrents, gave {rows}");
        _page = HtmlLoader.Load(_html);
    }

    [Benchmark]
    public int NexusPhp100Rows() => _parser.Parse(_html).Torrents.Count;

    /// <summary>The HTML parse alone (AngleSharp plus the copy into the lxml-shaped page tree), to tell it apart from the field pipeline.</summary>
    [Benchmark]
    public int HtmlOnly() => HtmlLoader.Load(_html).Elements.Length;

    /// <summary>The field pipeline alone, on a page parsed once.</summary>
    [Benchmark]
    public int FieldsOnly() => _parser.Parse(_page).Torrents.Count;
}

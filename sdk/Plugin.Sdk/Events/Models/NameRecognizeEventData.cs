namespace Plugin.Sdk;

/// <summary>Name recognition: read <see cref="Title"/>, fill <see cref="Name"/> (and year/season/episode) within 15 s.</summary>
public sealed class NameRecognizeEventData : ChainEventData
{
    public string? Title { get; set; }
    public string? Name { get; set; }
    public string? Year { get; set; }
    public int? Season { get; set; }
    public int? Episode { get; set; }
}

namespace Plugin.Sdk;

/// <summary>Name recognition: read <see cref="Title"/>, fill <see cref="Name"/> (and year/season/episode) within 15 s.</summary>
public sealed class NameRecognizeEventData : ChainEventData
{
    /// <summary>The title the host could not recognise.</summary>
    public string? Title { get; set; }
    /// <summary>The media name found by the handler.</summary>
    public string? Name { get; set; }
    /// <summary>The year found by the handler.</summary>
    public string? Year { get; set; }
    /// <summary>The season number found by the handler.</summary>
    public int? Season { get; set; }
    /// <summary>The episode number found by the handler.</summary>
    public int? Episode { get; set; }
}

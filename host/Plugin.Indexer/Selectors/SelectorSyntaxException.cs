namespace Plugin.Indexer.Selectors;

/// <summary>A selector in a site definition could not be read; the message names the selector and the position.</summary>
public sealed class SelectorSyntaxException : FormatException
{
    public SelectorSyntaxException(string selector, int position, string problem)
        : base($"Invalid selector \"{selector}\" at position {position}: {problem}")
    {
        Selector = selector;
        Position = position;
        Problem = problem;
    }

    /// <summary>The selector as written in the definition.</summary>
    public string Selector { get; }

    /// <summary>Zero-based character position where reading failed.</summary>
    public int Position { get; }

    /// <summary>What was wrong, without the selector.</summary>
    public string Problem { get; }
}

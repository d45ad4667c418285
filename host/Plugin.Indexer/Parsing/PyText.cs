using System.Text;
using Plugin.Indexer.Dom;
using Plugin.Indexer.Python;

namespace Plugin.Indexer.Parsing;

/// <summary>
/// pyquery's <c>.text()</c> as MoviePilot's spider sees it: text runs have HTML whitespace squashed to one space,
/// block elements start a new line, <c>&lt;br&gt;</c> is a line break, comments contribute nothing, and the result is
/// stripped. Fields such as <c>contents</c> depend on exactly where those line breaks fall.
/// </summary>
internal static class PyText
{
    // pyquery's list of inline elements; every other element is a block and is surrounded by artificial newlines.
    private static readonly HashSet<string> Inline =
    [
        "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i", "img", "input",
        "kbd", "label", "map", "object", "q", "samp", "script", "select", "small", "span", "strong", "sub", "sup",
        "textarea", "time", "tt", "var",
    ];

    // Parts are text, a block boundary (Block) or a <br> (Break).
    private readonly struct Part(string? text, bool isBreak)
    {
        public string? Text { get; } = text;
        public bool IsBreak { get; } = isBreak;
        public bool IsText => Text is not null;
        public bool IsBlock => Text is null && !IsBreak;
        public static Part Block => new(null, false);
        public static Part Break => new(null, true);
    }

    // Working buffers, reused: text extraction runs for most fields of every row.
    [ThreadStatic] private static List<Part>? t_parts;
    [ThreadStatic] private static StringBuilder? t_buffer;

    public static string Extract(PageElement element)
    {
        if (element.LocalName == "textarea") return element.InnerHtml;
        if (element.Children.Length == 0)
        {
            // Text only (most table cells): no boundaries to place, so it is one squashed, stripped run.
            var children = element.ChildNodes;
            if (children is [PageText { IsComment: false } single]) return PyStr.Strip(SquashWhitespace(single.Data));
            var text = new StringBuilder();
            foreach (var child in children)
                if (child is PageText { IsComment: false } t) text.Append(t.Data);
            return PyStr.Strip(SquashWhitespace(text.ToString()));
        }
        var parts = t_parts ??= new List<Part>(64);
        var buffer = t_buffer ??= new StringBuilder(256);
        parts.Clear();
        Collect(element, parts);
        SquashArtificial(parts);
        StripArtificial(parts);
        Merge(parts, buffer);
        SquashArtificial(parts);
        StripArtificial(parts);
        buffer.Clear();
        foreach (var p in parts) buffer.Append(p.IsText ? p.Text : "\n");
        parts.Clear();
        return PyStr.Strip(buffer.ToString());
    }

    private static void Collect(PageElement e, List<Part> parts)
    {
        var name = e.LocalName;
        var isBreak = name == "br";
        var isBlock = !isBreak && !Inline.Contains(name);
        if (isBreak) parts.Add(Part.Break);
        else if (isBlock) parts.Add(Part.Block);
        foreach (var child in e.ChildNodes)
        {
            switch (child)
            {
                case PageText { IsComment: false } t: parts.Add(new Part(t.Data, false)); break;
                case PageElement ce: Collect(ce, parts); break;
            }
        }
        if (isBlock) parts.Add(Part.Block);
    }

    /// <summary>Consecutive block boundaries count as one (in place).</summary>
    private static void SquashArtificial(List<Part> parts)
    {
        var kept = 0;
        var lastBlock = false;
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            if (p.IsBlock && lastBlock) continue;
            lastBlock = p.IsBlock;
            parts[kept++] = p;
        }
        parts.RemoveRange(kept, parts.Count - kept);
    }

    /// <summary>Drops boundaries before the first and after the last text (pyquery's slicing, edge cases included).</summary>
    private static void StripArtificial(List<Part> parts)
    {
        if (parts.Count == 0) return;
        var start = -1;
        for (var i = 0; i < parts.Count && start < 0; i++)
            if (parts[i].IsText) start = i;
        if (start < 0) start = parts.Count - 1;
        // pyquery only looks for the last text at or after the first one; with none it keeps one trailing part.
        var end = parts.Count - 1;
        while (end > start && !parts[end].IsText) end--;
        if (!parts[end].IsText) end = parts.Count - 1;
        var length = end - start + 1;
        if (start > 0)
            for (var i = 0; i < length; i++) parts[i] = parts[start + i];
        parts.RemoveRange(length, parts.Count - length);
    }

    /// <summary>Adjacent text runs join, squash HTML whitespace to one space, strip, and vanish when empty (in place).</summary>
    private static void Merge(List<Part> parts, StringBuilder buffer)
    {
        buffer.Clear();
        var kept = 0;
        var pending = 0;
        string? single = null;
        void Flush()
        {
            if (pending == 0) return;
            var run = pending == 1 ? single! : buffer.ToString();
            var item = PyStr.Strip(SquashWhitespace(run));
            if (item.Length > 0) parts[kept++] = new Part(item, false);
            buffer.Clear();
            pending = 0;
        }
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            if (!p.IsText) { Flush(); parts[kept++] = p; continue; }
            // One run alone needs no copy; a second one starts the buffer.
            if (pending == 0) single = p.Text;
            else
            {
                if (pending == 1) buffer.Append(single);
                buffer.Append(p.Text);
            }
            pending++;
        }
        Flush();
        parts.RemoveRange(kept, parts.Count - kept);
    }

    private static bool NeedsSquash(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\f' or '\u200B' or '\n' or '\r') return true;
            if (c == ' ' && i + 1 < text.Length && text[i + 1] == ' ') return true;
        }
        return false;
    }

    /// <summary>pyquery's HTML whitespace: space, tab, form feed, zero-width space, LF, CR.</summary>
    private static string SquashWhitespace(string text)
    {
        if (!NeedsSquash(text)) return text;
        var sb = new StringBuilder(text.Length);
        var inWs = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\f' or '\u200B' or '\n' or '\r')
            {
                if (!inWs) sb.Append(' ');
                inWs = true;
            }
            else
            {
                sb.Append(c);
                inWs = false;
            }
        }
        return sb.ToString();
    }
}

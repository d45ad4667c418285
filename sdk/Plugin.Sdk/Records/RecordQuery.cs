namespace Plugin.Sdk;

/// <summary>Which records to list: every condition set must hold. Pages count from 1.</summary>
public sealed class RecordQuery
{
    /// <summary>Records at or after this moment.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Records before this moment.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>The record's <see cref="HostRecord.Type"/>, exactly (<c>电影</c>, <c>电视剧</c>, a message type, an event name).</summary>
    public string? Type { get; set; }

    /// <summary>Text the record's <see cref="HostRecord.Title"/> contains (MoviePilot's <c>list_by_title</c>).</summary>
    public string? Title { get; set; }

    /// <summary>The subscription state (<see cref="SubscribeRecord.State"/>); other records ignore it.</summary>
    public string? State { get; set; }

    /// <summary>The page, from 1.</summary>
    public int Page { get; set; } = 1;

    /// <summary>Records per page (MoviePilot's <c>count</c>, default 30, at most <see cref="MaxCount"/>).</summary>
    public int Count { get; set; } = 30;

    /// <summary>The largest page.</summary>
    public const int MaxCount = 500;
}

/// <summary>One page of records, newest first.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class RecordPage<T>
{
    /// <summary>A page.</summary>
    public RecordPage(IReadOnlyList<T> items, int total, int page, int count)
    {
        Items = items;
        Total = total;
        Page = page;
        Count = count;
    }

    /// <summary>The records of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>How many records match in all.</summary>
    public int Total { get; }

    /// <summary>This page's number, from 1.</summary>
    public int Page { get; }

    /// <summary>Records per page.</summary>
    public int Count { get; }
}

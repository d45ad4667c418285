namespace Plugin.Sdk.Testing;

/// <summary>
/// A clock the test moves by hand, so cache expiry (and anything else a test hands it to) is checked without
/// sleeping. Starts at a fixed instant so results do not depend on when the test runs.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now;
    private readonly object _gate = new();

    /// <summary>A clock at <paramref name="start"/>, or at 2025-01-01 00:00 UTC when not given.</summary>
    public ManualTimeProvider(DateTimeOffset? start = null) =>
        _now = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The clock's current time.</summary>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>UTC, so local times do not depend on the machine.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward.");
        lock (_gate) _now += by;
    }

    /// <summary>Moves the clock forward to <paramref name="value"/>; moving it back throws.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now) throw new ArgumentOutOfRangeException(nameof(value), "Time only moves forward.");
            _now = value;
        }
    }
}

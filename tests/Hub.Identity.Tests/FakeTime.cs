namespace Hub.Identity.Tests;

/// <summary>A clock the tests move by hand (Microsoft.Extensions.TimeProvider.Testing is not on the feed).</summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>A clock the test sets: "now" decides which periods are running and when open dossiers fall late.</summary>
public sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

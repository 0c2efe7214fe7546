namespace Hub.Outbox;

/// <summary>How the relay runs, from the "Outbox" configuration section.</summary>
public sealed record OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Rows claimed and published per pass.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The fallback poll when no notification arrives (a lost LISTEN connection, say).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a publish may wait for the broker's confirm before the pass is abandoned and retried.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause after a failed pass (broker or database down).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Sent rows are kept this long, for diagnosis and lag measurements, then deleted.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromMinutes(5);
}

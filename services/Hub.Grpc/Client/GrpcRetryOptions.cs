namespace Hub.Grpc.Client;

/// <summary>Retries of idempotent unary calls that end UNAVAILABLE, with exponential back-off and jitter.</summary>
public sealed record GrpcRetryOptions
{
    /// <summary>Attempts in all, the first included; 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);
}

namespace Hub.Grpc.Client;

/// <summary>Per-call settings. Immutable; derive variants with <c>with</c>.</summary>
public sealed record CallOptions
{
    public static readonly CallOptions Default = new();

    /// <summary>Custom request metadata.</summary>
    public GrpcMetadata? Headers { get; init; }

    /// <summary>When the call gives up with DEADLINE_EXCEEDED; also sent to the server as grpc-timeout.</summary>
    public DateTimeOffset? Deadline { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Sent as "authorization: Bearer …"; overrides the channel's token provider for this call.</summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// Declares that running the call twice has the effect of running it once; only such calls are
    /// retried on UNAVAILABLE, because the first attempt may have reached the server.
    /// </summary>
    public bool IsIdempotent { get; init; }

    public static CallOptions WithTimeout(TimeSpan timeout) => new() { Deadline = DateTimeOffset.UtcNow + timeout };
}

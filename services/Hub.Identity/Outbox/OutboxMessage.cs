namespace Hub.Identity.Outbox;

/// <summary>An event written in the same transaction as the change it reports, published later by the relay.</summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }

    /// <summary>The event's CLR type name in Hub.Contracts, resolved by <see cref="OutboxEventTypes"/>.</summary>
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}

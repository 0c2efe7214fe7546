namespace Hub.Outbox;

/// <summary>
/// An event waiting to be published, written in the same transaction as the records it describes.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The event's message URN (urn:message:hub:…:v1), which names its contract type.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>The event as JSON.</summary>
    public string Payload { get; set; } = "";

    /// <summary>When the row was written (just before the commit).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the broker confirmed it; null while pending.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A row for <paramref name="event"/>, stored under its message URN, to add in the change's own transaction.</summary>
    public static OutboxMessage For(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new OutboxMessage
        {
            MessageType = EventCatalog.UrnOf(@event.GetType()),
            Payload = System.Text.Json.JsonSerializer.Serialize(@event, @event.GetType(), EventCatalog.Json),
        };
    }
}

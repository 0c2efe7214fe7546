using System.Text.Json;
using Hub.Identity.Data;

namespace Hub.Identity.Outbox;

public static class OutboxExtensions
{
    /// <summary>Adds an event to the outbox; it is stored by the same SaveChanges, so in the same transaction, as the change.</summary>
    public static void AddEvent<TEvent>(this IdentityContext db, TEvent message, DateTimeOffset now)
        where TEvent : class =>
        db.Outbox.Add(new OutboxMessage
        {
            Type = OutboxEventTypes.NameOf(typeof(TEvent)),
            Payload = JsonSerializer.Serialize(message),
            CreatedAt = now,
        });
}

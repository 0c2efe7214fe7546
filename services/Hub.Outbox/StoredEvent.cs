namespace Hub.Outbox;

/// <summary>An outbox row's event: the object, for the broker's routing by type, and its JSON as stored.</summary>
internal sealed record StoredEvent(object Message, byte[] Payload);

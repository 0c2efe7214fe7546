using System.Text.Json;
using MassTransit;

namespace Hub.Outbox;

/// <summary>
/// MassTransit's JSON envelope (the fields its envelope serializer writes, camel-cased) around a
/// message that is already JSON: the send context's identifiers, addresses, message types, times
/// and headers, then the stored bytes as they are. Property order does not matter to readers.
/// </summary>
internal static class StoredEventEnvelope
{
    public static byte[] Write(SendContext context, ReadOnlySpan<byte> message)
    {
        var messageTypes = context.SupportedMessageTypes;
        if (messageTypes is not { Length: > 0 })
        {
            throw new InvalidOperationException("The send context names no message type for the envelope.");
        }
        var fields = Fields(context, messageTypes);
        // The fields' object without its closing brace, then the message, then the brace: one
        // array of the final size, as a batch event runs to hundreds of kilobytes.
        var body = new byte[fields.Length - 1 + MessageProperty.Length + message.Length + 1];
        fields.AsSpan(0, fields.Length - 1).CopyTo(body);
        MessageProperty.CopyTo(body.AsSpan(fields.Length - 1));
        message.CopyTo(body.AsSpan(fields.Length - 1 + MessageProperty.Length));
        body[^1] = (byte)'}';
        return body;
    }

    private static ReadOnlySpan<byte> MessageProperty => ",\"message\":"u8;

    private static byte[] Fields(SendContext context, string[] messageTypes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteId(writer, "messageId", context.MessageId);
            WriteId(writer, "requestId", context.RequestId);
            WriteId(writer, "correlationId", context.CorrelationId);
            WriteId(writer, "conversationId", context.ConversationId);
            WriteId(writer, "initiatorId", context.InitiatorId);
            WriteAddress(writer, "sourceAddress", context.SourceAddress);
            WriteAddress(writer, "destinationAddress", context.DestinationAddress);
            WriteAddress(writer, "responseAddress", context.ResponseAddress);
            WriteAddress(writer, "faultAddress", context.FaultAddress);
            writer.WriteStartArray("messageType");
            foreach (var type in messageTypes)
            {
                writer.WriteStringValue(type);
            }
            writer.WriteEndArray();
            var sent = context.SentTime ?? DateTime.UtcNow;
            if (context.TimeToLive is { } timeToLive)
            {
                writer.WriteString("expirationTime", sent + timeToLive);
            }
            writer.WriteString("sentTime", sent);
            writer.WriteStartObject("headers");
            foreach (var header in context.Headers.GetAll())
            {
                writer.WritePropertyName(header.Key);
                JsonSerializer.Serialize(writer, header.Value, EventCatalog.Json);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteId(Utf8JsonWriter writer, string name, Guid? id)
    {
        if (id is { } value)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteAddress(Utf8JsonWriter writer, string name, Uri? address)
    {
        if (address is not null)
        {
            writer.WriteString(name, address.ToString());
        }
    }
}

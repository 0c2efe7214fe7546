using System.Net.Mime;
using MassTransit;

namespace Hub.Outbox;

/// <summary>
/// Publishes an outbox row's stored JSON as the message, inside MassTransit's JSON envelope, so the
/// relay does not serialize again an event the writer already serialized. An event of a batch holds
/// hundreds of records, and the second serialization cost the dossier service an eighth of its CPU
/// at a full ingest rate. Consumers see the same envelope MassTransit's own serializer writes.
/// </summary>
internal sealed class StoredEventSerializer(ReadOnlyMemory<byte> payload) : IMessageSerializer
{
    private static readonly ContentType EnvelopeContentType = new("application/vnd.masstransit+json");

    public ContentType ContentType => EnvelopeContentType;

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return new StoredEventBody(StoredEventEnvelope.Write(context, payload.Span));
    }
}

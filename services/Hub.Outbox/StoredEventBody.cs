using System.Text;
using MassTransit;

namespace Hub.Outbox;

/// <summary>A message body already written out.</summary>
internal sealed class StoredEventBody(byte[] bytes) : MessageBody
{
    public long? Length => bytes.Length;

    public Stream GetStream() => new MemoryStream(bytes, writable: false);

    public byte[] GetBytes() => bytes;

    public string GetString() => Encoding.UTF8.GetString(bytes);
}

using System.Buffers;

namespace Hub.Grpc.Compression;

/// <summary>A message compression named in grpc-encoding.</summary>
internal interface IMessageCodec
{
    string Name { get; }

    byte[] Compress(byte[] message);

    /// <summary>Throws <see cref="GrpcCallException"/> RESOURCE_EXHAUSTED past <paramref name="maxSize"/>, INTERNAL for corrupt data.</summary>
    byte[] Decompress(ReadOnlySequence<byte> compressed, int maxSize);
}

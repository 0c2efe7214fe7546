using System.Buffers;

namespace Hub.Grpc.Framing;

/// <summary>One length-prefixed message as it arrived: the payload still compressed if the flag says so.</summary>
internal readonly record struct GrpcFrame(bool IsCompressed, ReadOnlySequence<byte> Payload);

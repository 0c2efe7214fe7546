using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using Hub.Grpc.Compression;

namespace Hub.Grpc.Framing;

/// <summary>Writes one message as a length-prefixed frame, compressed when a codec is given.</summary>
internal static class GrpcFrameWriter
{
    public static void Write(IBufferWriter<byte> output, IMessage message, IMessageCodec? codec, int maxMessageSize)
    {
        var size = message.CalculateSize();
        if (size > maxMessageSize)
        {
            throw new GrpcCallException(
                GrpcStatusCode.ResourceExhausted,
                $"Sending message larger than max ({size} vs. {maxMessageSize}).");
        }

        if (codec is null)
        {
            var span = output.GetSpan(GrpcFrameDecoder.HeaderSize + size);
            WriteHeader(span, compressed: false, size);
            message.WriteTo(span.Slice(GrpcFrameDecoder.HeaderSize, size));
            output.Advance(GrpcFrameDecoder.HeaderSize + size);
            return;
        }

        var compressed = codec.Compress(message.ToByteArray());
        var target = output.GetSpan(GrpcFrameDecoder.HeaderSize + compressed.Length);
        WriteHeader(target, compressed: true, compressed.Length);
        compressed.CopyTo(target[GrpcFrameDecoder.HeaderSize..]);
        output.Advance(GrpcFrameDecoder.HeaderSize + compressed.Length);
    }

    private static void WriteHeader(Span<byte> span, bool compressed, int length)
    {
        span[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
    }
}

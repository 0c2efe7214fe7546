using System.Buffers;
using System.Buffers.Binary;

namespace Hub.Grpc.Framing;

/// <summary>
/// Splits the 5-byte length-prefixed messages of a gRPC body: a compressed flag, a big-endian
/// 32-bit length, then that many bytes.
/// </summary>
public static class GrpcFrameDecoder
{
    public const int HeaderSize = 5;

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false, leaving the
    /// buffer alone, when the frame has not fully arrived. Throws <see cref="GrpcFrameException"/> for a
    /// reserved flag bit or a length over <paramref name="maxMessageSize"/>, as soon as the header shows it.
    /// </summary>
    internal static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out GrpcFrame frame)
    {
        frame = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);

        var flag = header[0];
        if (flag > 1)
        {
            throw new GrpcFrameException(GrpcStatusCode.Internal, $"Invalid compressed flag {flag} in message header.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new GrpcFrameException(
                GrpcStatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxMessageSize}).");
        }

        if (buffer.Length - HeaderSize < length)
        {
            return false;
        }

        frame = new GrpcFrame(flag == 1, buffer.Slice(HeaderSize, length));
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }

    /// <summary>Array form of <see cref="TryReadFrame"/> for callers outside the transport (and the fuzz tests).</summary>
    public static bool TryReadFrame(ReadOnlyMemory<byte> input, int maxMessageSize, out bool isCompressed, out ReadOnlyMemory<byte> payload, out int consumed)
    {
        var sequence = new ReadOnlySequence<byte>(input);
        var remaining = sequence;
        if (!TryReadFrame(ref remaining, maxMessageSize, out var frame))
        {
            isCompressed = false;
            payload = ReadOnlyMemory<byte>.Empty;
            consumed = 0;
            return false;
        }

        isCompressed = frame.IsCompressed;
        payload = frame.Payload.ToArray();
        consumed = (int)(sequence.Length - remaining.Length);
        return true;
    }
}

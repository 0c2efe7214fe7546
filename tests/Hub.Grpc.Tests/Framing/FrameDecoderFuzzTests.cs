using System.Buffers.Binary;
using Hub.Grpc.Framing;

namespace Hub.Grpc.Tests.Framing;

public sealed class FrameDecoderFuzzTests
{
    private const int MaxMessageSize = 4096;

    [Fact]
    public void Random_and_mutated_inputs_only_ever_yield_frames_within_the_buffer_or_a_frame_exception()
    {
        var random = new Random(20261122);
        var valid = BuildValidStream(random);

        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            var input = (iteration % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 64)),
                1 => Mutate(random, valid),
                _ => valid[..random.Next(0, valid.Length + 1)],
            };

            DecodeAll(input);
        }
    }

    [Fact]
    public void Valid_stream_decodes_to_the_original_messages()
    {
        var payloads = new[] { Array.Empty<byte>(), new byte[] { 1, 2, 3 }, new byte[300] };
        var stream = payloads.SelectMany(p => Frame(0, p)).ToArray();

        var decoded = new List<int>();
        var remaining = (ReadOnlyMemory<byte>)stream;
        while (GrpcFrameDecoder.TryReadFrame(remaining, MaxMessageSize, out _, out var payload, out var consumed))
        {
            decoded.Add(payload.Length);
            remaining = remaining[consumed..];
        }

        Assert.Equal([0, 3, 300], decoded);
        Assert.Equal(0, remaining.Length);
    }

    private static void DecodeAll(byte[] input)
    {
        var remaining = (ReadOnlyMemory<byte>)input;
        try
        {
            while (GrpcFrameDecoder.TryReadFrame(remaining, MaxMessageSize, out _, out var payload, out var consumed))
            {
                Assert.InRange(consumed, GrpcFrameDecoder.HeaderSize, remaining.Length);
                Assert.Equal(consumed - GrpcFrameDecoder.HeaderSize, payload.Length);
                Assert.InRange(payload.Length, 0, MaxMessageSize);
                remaining = remaining[consumed..];
            }
        }
        catch (GrpcFrameException ex)
        {
            Assert.True(ex.StatusCode is GrpcStatusCode.Internal or GrpcStatusCode.ResourceExhausted);
        }
    }

    private static byte[] BuildValidStream(Random random)
    {
        var stream = new List<byte>();
        for (var i = 0; i < 8; i++)
        {
            stream.AddRange(Frame((byte)random.Next(0, 2), RandomBytes(random, random.Next(0, 200))));
        }

        return [.. stream];
    }

    private static byte[] Mutate(Random random, byte[] source)
    {
        var copy = (byte[])source.Clone();
        var mutations = random.Next(1, 6);
        for (var i = 0; i < mutations; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Frame(byte flag, byte[] payload)
    {
        var frame = new byte[GrpcFrameDecoder.HeaderSize + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, GrpcFrameDecoder.HeaderSize);
        return frame;
    }
}

using System.Buffers;
using System.IO.Compression;

namespace Hub.Grpc.Compression;

internal sealed class GzipCodec : IMessageCodec
{
    public static readonly GzipCodec Instance = new();

    public string Name => "gzip";

    public byte[] Compress(byte[] message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(message);
        }

        return output.ToArray();
    }

    public byte[] Decompress(ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = gzip.Read(chunk)) > 0)
            {
                // Checked while inflating so a small "zip bomb" cannot allocate past the limit.
                if (output.Length + read > maxSize)
                {
                    throw new GrpcCallException(
                        GrpcStatusCode.ResourceExhausted,
                        $"Received message larger than max after decompression (limit {maxSize}).");
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            throw new GrpcCallException(GrpcStatusCode.Internal, "Failed to decompress message with gzip.");
        }

        return output.ToArray();
    }
}

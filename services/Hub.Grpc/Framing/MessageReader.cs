using System.IO.Pipelines;
using Google.Protobuf;
using Hub.Grpc.Compression;

namespace Hub.Grpc.Framing;

/// <summary>Reads whole protobuf messages off a pipe of gRPC frames; used by both server and client.</summary>
internal sealed class MessageReader<T>
    where T : class, IMessage<T>
{
    private readonly PipeReader _reader;
    private readonly MessageParser<T> _parser;
    private readonly IMessageCodec? _codec;
    private readonly int _maxMessageSize;

    public MessageReader(PipeReader reader, MessageParser<T> parser, IMessageCodec? codec, int maxMessageSize)
    {
        _reader = reader;
        _parser = parser;
        _codec = codec;
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>The next message, or null at a clean end of stream. Protocol faults throw <see cref="GrpcCallException"/>.</summary>
    public async ValueTask<T?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            GrpcFrame frame;
            bool complete;
            try
            {
                complete = GrpcFrameDecoder.TryReadFrame(ref buffer, _maxMessageSize, out frame);
            }
            catch (GrpcFrameException ex)
            {
                _reader.AdvanceTo(result.Buffer.Start);
                throw new GrpcCallException(ex.StatusCode, ex.Message);
            }

            if (complete)
            {
                try
                {
                    return Parse(frame);
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start);
                }
            }

            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                if (leftover > 0)
                {
                    throw new GrpcCallException(GrpcStatusCode.Internal, "Incomplete message: the stream ended inside a frame.");
                }

                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private T Parse(GrpcFrame frame)
    {
        try
        {
            if (!frame.IsCompressed)
            {
                return _parser.ParseFrom(frame.Payload);
            }

            if (_codec is null)
            {
                throw new GrpcCallException(
                    GrpcStatusCode.Internal,
                    "Compressed-Flag set on a message but no grpc-encoding was negotiated.");
            }

            return _parser.ParseFrom(_codec.Decompress(frame.Payload, _maxMessageSize));
        }
        catch (InvalidProtocolBufferException)
        {
            throw new GrpcCallException(GrpcStatusCode.Internal, $"Failed to deserialize message as {typeof(T).Name}.");
        }
    }
}

using Google.Protobuf;
using Hub.Grpc.Compression;
using Hub.Grpc.Framing;
using Hub.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace Hub.Grpc.Server;

/// <summary>The HTTP/2 side of one server call: reads request frames, writes response frames and the status.</summary>
internal sealed class GrpcServerCall
{
    private readonly GrpcServerOptions _options;
    private readonly IMessageCodec? _requestCodec;
    private readonly IMessageCodec? _responseCodec;
    private bool _headersSent;

    public GrpcServerCall(HttpContext httpContext, GrpcServerOptions options, IMessageCodec? requestCodec, IMessageCodec? responseCodec)
    {
        HttpContext = httpContext;
        _options = options;
        _requestCodec = requestCodec;
        _responseCodec = responseCodec;
    }

    public HttpContext HttpContext { get; }

    public ServerCallContext Context { get; set; } = null!;

    public async Task<T> ReadSingleAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var reader = CreateReader(parser);
        var message = await reader.ReadAsync(Context.CancellationToken)
            ?? throw new GrpcCallException(GrpcStatusCode.Internal, "Request ended without a message.");
        if (await reader.ReadAsync(Context.CancellationToken) is not null)
        {
            throw new GrpcCallException(GrpcStatusCode.Internal, "Unary request carried more than one message.");
        }

        return message;
    }

    public async IAsyncEnumerable<T> ReadStreamAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var reader = CreateReader(parser);
        while (await reader.ReadAsync(Context.CancellationToken) is { } message)
        {
            yield return message;
        }
    }

    /// <summary>Writes one response message; streaming calls flush it, unary calls leave it for the trailers' flush.</summary>
    public async Task WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        await SendHeadersAsync(flush: false);
        GrpcFrameWriter.Write(HttpContext.Response.BodyWriter, message, _responseCodec, _options.MaxSendMessageSize);
        if (flush)
        {
            var result = await HttpContext.Response.BodyWriter.FlushAsync(cancellationToken);
            if (result.IsCanceled || result.IsCompleted)
            {
                throw new OperationCanceledException("The client is no longer reading responses.");
            }
        }
    }

    public async Task SendHeadersAsync(bool flush)
    {
        if (_headersSent)
        {
            return;
        }

        _headersSent = true;
        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        if (_responseCodec is not null)
        {
            response.Headers[GrpcHeaders.Encoding] = _responseCodec.Name;
        }

        response.Headers[GrpcHeaders.AcceptEncoding] = MessageCodecs.AcceptEncoding;
        AppendMetadata(response.Headers, Context.ResponseHeadersOrNull);
        if (flush)
        {
            await response.BodyWriter.FlushAsync(Context.CancellationToken);
        }
    }

    /// <summary>
    /// Ends the call. Before any header went out the status travels in a trailers-only response
    /// (one HEADERS frame with END_STREAM); afterwards in HTTP/2 trailers.
    /// </summary>
    public void Complete(GrpcStatusCode code, string message, GrpcMetadata? trailers, byte[]? details)
    {
        var response = HttpContext.Response;
        if (!_headersSent && !response.HasStarted)
        {
            _headersSent = true;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcHeaders.ContentType;
            response.Headers[GrpcHeaders.AcceptEncoding] = MessageCodecs.AcceptEncoding;
            AppendMetadata(response.Headers, Context.ResponseHeadersOrNull);
            WriteStatus(response.Headers, code, message, details);
            AppendMetadata(response.Headers, trailers);
            return;
        }

        response.AppendTrailer(GrpcHeaders.Status, StatusText(code));
        if (!string.IsNullOrEmpty(message))
        {
            response.AppendTrailer(GrpcHeaders.Message, GrpcMessageText.Encode(message));
        }

        if (details is not null)
        {
            response.AppendTrailer(GrpcHeaders.StatusDetails, MetadataHeaders.EncodeBinary(details));
        }

        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                response.AppendTrailer(entry.Key, MetadataHeaders.ToHeaderValue(entry));
            }
        }
    }

    internal static void WriteStatus(IHeaderDictionary headers, GrpcStatusCode code, string message, byte[]? details)
    {
        headers[GrpcHeaders.Status] = StatusText(code);
        if (!string.IsNullOrEmpty(message))
        {
            headers[GrpcHeaders.Message] = GrpcMessageText.Encode(message);
        }

        if (details is not null)
        {
            headers[GrpcHeaders.StatusDetails] = MetadataHeaders.EncodeBinary(details);
        }
    }

    private static string StatusText(GrpcStatusCode code) =>
        code == GrpcStatusCode.OK ? "0" : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AppendMetadata(IHeaderDictionary headers, GrpcMetadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, MetadataHeaders.ToHeaderValue(entry));
        }
    }

    private MessageReader<T> CreateReader<T>(MessageParser<T> parser)
        where T : class, IMessage<T> =>
        new(HttpContext.Request.BodyReader, parser, _requestCodec, _options.MaxReceiveMessageSize);
}

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Hub.Grpc.Compression;
using Hub.Grpc.Errors;
using Hub.Grpc.Framing;
using Hub.Grpc.Protocol;

namespace Hub.Grpc.Client;

/// <summary>
/// One attempt of one call over HTTP/2: sends the request, checks the response headers, reads the
/// response frames and turns the trailers (or any failure on the way) into a status.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>, new()
{
    private const int Http2ErrorCancel = 0x8;
    private const int Http2ErrorRefusedStream = 0x7;

    private readonly GrpcChannel _channel;
    private readonly GrpcMethod<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _deadline = new();
    private readonly CancellationTokenSource _cancellation;
    private Task<HttpResponseMessage>? _send;
    private Task? _responseReady;
    private HttpResponseMessage? _response;
    private MessageReader<TResponse>? _reader;
    private GrpcMetadata? _trailers;
    private bool _finished;
    private bool _cancelledByCaller;

    public ClientCall(GrpcChannel channel, GrpcMethod<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, _deadline.Token);
        if (options.Deadline is { } deadline)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                _deadline.Cancel();
            }
            else if (remaining < TimeSpan.FromDays(30))
            {
                _deadline.CancelAfter(remaining);
            }
        }
    }

    public CancellationToken CancellationToken => _cancellation.Token;

    public GrpcMetadata? ResponseHeaders { get; private set; }

    public IMessageCodec? RequestCodec => _channel.RequestCodec;

    public GrpcMetadata Trailers => _trailers ?? throw new InvalidOperationException("The call has not finished yet.");

    public void Start(HttpContent content) => _send = SendAsync(content);

    public Task<GrpcMetadata> GetResponseHeadersAsync() => GetResponseHeadersCoreAsync();

    /// <summary>The next response message, or null once the call ended with OK; a non-OK end throws.</summary>
    public async ValueTask<TResponse?> ReadNextAsync()
    {
        await EnsureResponseAsync();
        if (_reader is null)
        {
            return null;
        }

        TResponse? message;
        try
        {
            message = await _reader.ReadAsync(_cancellation.Token);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        if (message is not null)
        {
            return message;
        }

        _reader = null;
        FinishWithStatus(_response!.TrailingHeaders, fromTrailers: true);
        return null;
    }

    /// <summary>The exception that explains why a request write failed: the call's status when it is known.</summary>
    public async Task<Exception> ExplainWriteFailureAsync(Exception writeError)
    {
        if (_send is { IsCompletedSuccessfully: true })
        {
            try
            {
                await EnsureResponseAsync();
            }
            catch (GrpcCallException status)
            {
                return status;
            }
        }

        return Fail(writeError);
    }

    /// <summary>Stops the call; the server sees the HTTP/2 stream reset as CANCELLED.</summary>
    public void Cancel()
    {
        if (!_finished)
        {
            _cancelledByCaller = true;
            Abort();
        }
    }

    public void Dispose()
    {
        if (!_finished)
        {
            Abort();
        }

        _response?.Dispose();
        _cancellation.Dispose();
        _deadline.Dispose();
    }

    public static ReadOnlyMemory<byte> Frame(IMessage message, IMessageCodec? codec, int maxSize)
    {
        var buffer = new ArrayBufferWriter<byte>(message.CalculateSize() + GrpcFrameDecoder.HeaderSize);
        GrpcFrameWriter.Write(buffer, message, codec, maxSize);
        return buffer.WrittenMemory;
    }

    public GrpcCallException Fail(Exception ex)
    {
        var failure = ex switch
        {
            GrpcCallException status => status,
            _ when _deadline.IsCancellationRequested => Status(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded", ex),
            _ when _cancelledByCaller || _options.CancellationToken.IsCancellationRequested => Status(GrpcStatusCode.Cancelled, "Call canceled by the client.", ex),
            HttpProtocolException { ErrorCode: Http2ErrorCancel } => Status(GrpcStatusCode.Cancelled, "The server cancelled the call.", ex),
            HttpProtocolException { ErrorCode: Http2ErrorRefusedStream } => Status(GrpcStatusCode.Unavailable, "The server refused the stream.", ex),
            HttpProtocolException protocol => Status(GrpcStatusCode.Internal, $"HTTP/2 error {protocol.ErrorCode}: {protocol.Message}", ex),
            HttpRequestException or IOException => Status(GrpcStatusCode.Unavailable, ex.Message, ex),
            OperationCanceledException => Status(GrpcStatusCode.Cancelled, "Call canceled.", ex),
            _ => Status(GrpcStatusCode.Internal, $"Error in the gRPC client: {ex.Message}", ex),
        };

        if (!_finished)
        {
            Abort();
        }

        return failure;
    }

    /// <summary>
    /// Cancelling the request stops a call still waiting for headers; disposing the response resets
    /// a stream already under way. Either way the server sees RST_STREAM and reports CANCELLED.
    /// </summary>
    private void Abort()
    {
        _finished = true;
        _cancellation.Cancel();
        _response?.Dispose();
    }

    private static GrpcCallException Status(GrpcStatusCode code, string message, Exception inner) =>
        new(code, message, trailers: null, fieldViolations: [], inner);

    private async Task<GrpcMetadata> GetResponseHeadersCoreAsync()
    {
        await EnsureResponseAsync();
        return ResponseHeaders!;
    }

    private Task EnsureResponseAsync() => _responseReady ??= ReadResponseHeadersAsync();

    private async Task<HttpResponseMessage> SendAsync(HttpContent content)
    {
        try
        {
            _cancellation.Token.ThrowIfCancellationRequested();
            var request = await CreateRequestAsync(content);
            return await _channel.Invoker.SendAsync(request, _cancellation.Token);
        }
        catch (Exception ex)
        {
            var failure = Fail(ex);
            (content as PushStreamContent)?.Abort(failure);
            throw failure;
        }
    }

    private async Task<HttpRequestMessage> CreateRequestAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.Path))
        {
            Version = HttpVersion.Version20,
            // Exact version: cleartext addresses then use HTTP/2 with prior knowledge, TLS ones ALPN "h2".
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };

        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcHeaders.ContentType);
        var headers = request.Headers;
        headers.TE.Add(new TransferCodingWithQualityHeaderValue(GrpcHeaders.Trailers));
        headers.TryAddWithoutValidation("user-agent", GrpcChannel.UserAgent);
        headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, MessageCodecs.AcceptEncoding);
        if (_channel.RequestCodec is { } codec)
        {
            headers.TryAddWithoutValidation(GrpcHeaders.Encoding, codec.Name);
        }

        if (_options.Deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcTimeout.Format(deadline - DateTimeOffset.UtcNow));
        }

        var token = _options.BearerToken;
        if (token is null && _channel.Options.BearerTokenProvider is { } provider)
        {
            token = await provider(_cancellation.Token);
        }

        if (!string.IsNullOrEmpty(token))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.ToHeaderValue(entry));
            }
        }

        return request;
    }

    private async Task ReadResponseHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await (_send ?? throw new InvalidOperationException("The call was not started."));
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        _response = response;
        ResponseHeaders = ToMetadata(response.Headers);

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail(new GrpcCallException(
                HttpStatusMapping.ToGrpcStatus(response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
        }

        if (response.Headers.Contains(GrpcHeaders.Status))
        {
            // Trailers-only: the status came in the only HEADERS frame, there is no body.
            FinishWithStatus(response.Headers, fromTrailers: false);
            return;
        }

        if (!GrpcHeaders.IsGrpcContentType(response.Content.Headers.ContentType?.ToString()))
        {
            throw Fail(new GrpcCallException(
                GrpcStatusCode.Internal,
                $"Bad gRPC response. Invalid content-type value: {response.Content.Headers.ContentType}"));
        }

        var encoding = response.Headers.TryGetValues(GrpcHeaders.Encoding, out var values) ? values.FirstOrDefault() : null;
        if (!MessageCodecs.TryGet(encoding, out var codec))
        {
            throw Fail(new GrpcCallException(GrpcStatusCode.Internal, $"The server used unsupported grpc-encoding '{encoding}'."));
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(_cancellation.Token);
            _reader = new MessageReader<TResponse>(
                PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024)),
                _method.ResponseParser,
                codec,
                _channel.Options.MaxReceiveMessageSize);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
    }

    private void FinishWithStatus(HttpHeaders headers, bool fromTrailers)
    {
        _finished = true;
        _trailers = ToMetadata(headers);
        if (!headers.TryGetValues(GrpcHeaders.Status, out var statusValues)
            || !int.TryParse(statusValues.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new GrpcCallException(
                GrpcStatusCode.Internal,
                fromTrailers ? "The response ended without grpc-status." : "Invalid grpc-status in response headers.",
                _trailers);
        }

        if (code == (int)GrpcStatusCode.OK)
        {
            return;
        }

        var message = headers.TryGetValues(GrpcHeaders.Message, out var messageValues)
            ? GrpcMessageText.Decode(messageValues.FirstOrDefault())
            : string.Empty;
        var details = headers.TryGetValues(GrpcHeaders.StatusDetails, out var detailValues)
            ? TryDecode(detailValues.FirstOrDefault())
            : null;

        throw new GrpcCallException(
            (GrpcStatusCode)code,
            message,
            _trailers,
            StatusDetailsCodec.DecodeFieldViolations(details),
            innerException: null);
    }

    private static byte[]? TryDecode(string? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return MetadataHeaders.DecodeBinary(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static GrpcMetadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new GrpcMetadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                MetadataHeaders.AddReceived(metadata, name, value);
            }
        }

        return metadata;
    }
}

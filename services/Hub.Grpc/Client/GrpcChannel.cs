using Google.Protobuf;
using Hub.Grpc.Compression;
using Polly;
using Polly.Retry;

namespace Hub.Grpc.Client;

/// <summary>
/// Calls to one gRPC server over a shared HTTP/2 connection pool. Create one per server and keep it
/// for the life of the process: connections, keep-alive pings and retries live here.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    internal const string UserAgent = "grpc-csharp-hub/1.0";

    private readonly HttpMessageHandler? _ownedHandler;
    private readonly ResiliencePipeline _retry;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("A gRPC address is http:// (HTTP/2 cleartext) or https:// (HTTP/2 over TLS).", nameof(address));
        }

        Address = address;
        Options = options;
        if (!MessageCodecs.TryGet(options.RequestCompression, out var codec))
        {
            throw new ArgumentException($"Unsupported request compression '{options.RequestCompression}'.", nameof(options));
        }

        RequestCodec = codec;
        var handler = options.HttpHandler ?? (_ownedHandler = CreateHandler(options));
        Invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        _retry = CreateRetryPipeline(options.Retry);
    }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal IMessageCodec? RequestCodec { get; }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new() =>
        (await CallUnaryAsync(method, request, options)).Message;

    /// <summary>A unary call that also returns the response headers and trailers.</summary>
    public async Task<GrpcResponse<TResponse>> CallUnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var callOptions = options ?? CallOptions.Default;
        var frame = ClientCall<TRequest, TResponse>.Frame(request, RequestCodec, Options.MaxSendMessageSize);

        if (!callOptions.IsIdempotent)
        {
            return await UnaryAttemptAsync(method, frame, callOptions);
        }

        try
        {
            return await _retry.ExecuteAsync(
                static async (state, _) => await state.Channel.UnaryAttemptAsync(state.Method, state.Frame, state.Options),
                (Channel: this, Method: method, Frame: frame, Options: callOptions),
                callOptions.CancellationToken);
        }
        catch (OperationCanceledException ex) when (callOptions.CancellationToken.IsCancellationRequested)
        {
            // Cancelled between attempts, while Polly waited out a back-off.
            throw new GrpcCallException(GrpcStatusCode.Cancelled, "Call canceled by the client.", trailers: null, fieldViolations: [], ex);
        }
    }

    public ServerStreamingCall<TRequest, TResponse> ServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var frame = ClientCall<TRequest, TResponse>.Frame(request, RequestCodec, Options.MaxSendMessageSize);
        var call = new ClientCall<TRequest, TResponse>(this, method, options ?? CallOptions.Default);
        call.Start(new ReadOnlyMemoryContent(frame));
        return new ServerStreamingCall<TRequest, TResponse>(call);
    }

    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        var (call, writer) = StartStreaming(method, options);
        return new ClientStreamingCall<TRequest, TResponse>(call, writer);
    }

    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        var (call, writer) = StartStreaming(method, options);
        return new DuplexStreamingCall<TRequest, TResponse>(call, writer);
    }

    public void Dispose()
    {
        Invoker.Dispose();
        _ownedHandler?.Dispose();
    }

    private async Task<GrpcResponse<TResponse>> UnaryAttemptAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, ReadOnlyMemory<byte> frame, CallOptions options)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(new ReadOnlyMemoryContent(frame));
        var message = await UnaryResponse.ReadAsync(call);
        return new GrpcResponse<TResponse>(message, call.ResponseHeaders ?? new GrpcMetadata(), call.Trailers);
    }

    private (ClientCall<TRequest, TResponse> Call, IClientStreamWriter<TRequest> Writer) StartStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions? options)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options ?? CallOptions.Default);
        var content = new PushStreamContent();
        call.Start(content);
        return (call, new RequestStreamWriter<TRequest, TResponse>(call, content, Options.MaxSendMessageSize));
    }

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // One HTTP/2 connection caps concurrent streams (often at 100); more connections lift the cap.
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };

        if (options.ServerCertificateValidation is { } validation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        }

        return handler;
    }

    private static ResiliencePipeline CreateRetryPipeline(GrpcRetryOptions retry)
    {
        if (retry.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // UNAVAILABLE means the server did not act on the call (or may not have); other codes
                // are answers, and repeating the question would not change them.
                ShouldHandle = new PredicateBuilder().Handle<GrpcCallException>(ex => ex.StatusCode == GrpcStatusCode.Unavailable),
                MaxRetryAttempts = retry.MaxAttempts - 1,
                Delay = retry.InitialBackoff,
                MaxDelay = retry.MaxBackoff,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }
}

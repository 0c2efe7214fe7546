using Google.Protobuf;

namespace Hub.Grpc.Client;

/// <summary>A call that sends a stream of requests and receives one response. Dispose it to cancel a call still running.</summary>
public sealed class ClientStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TRequest, TResponse> _call;
    private readonly Lazy<Task<TResponse>> _response;

    internal ClientStreamingCall(ClientCall<TRequest, TResponse> call, IClientStreamWriter<TRequest> requestStream)
    {
        _call = call;
        RequestStream = requestStream;
        _response = new Lazy<Task<TResponse>>(() => UnaryResponse.ReadAsync(call));
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<GrpcMetadata> ResponseHeadersAsync => _call.GetResponseHeadersAsync();

    /// <summary>The response; complete the request stream first, or the server may still be waiting for it.</summary>
    public Task<TResponse> ResponseAsync => _response.Value;

    public GrpcMetadata Trailers => _call.Trailers;

    public void Dispose() => _call.Dispose();
}

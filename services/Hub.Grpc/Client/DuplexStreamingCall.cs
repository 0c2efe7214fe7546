using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Hub.Grpc.Client;

/// <summary>A bidirectional call: requests and responses flow independently. Dispose it to cancel a call still running.</summary>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TRequest, TResponse> _call;

    internal DuplexStreamingCall(ClientCall<TRequest, TResponse> call, IClientStreamWriter<TRequest> requestStream)
    {
        _call = call;
        RequestStream = requestStream;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<GrpcMetadata> ResponseHeadersAsync => _call.GetResponseHeadersAsync();

    public GrpcMetadata Trailers => _call.Trailers;

    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(_call.Cancel);
        while (await _call.ReadNextAsync() is { } message)
        {
            yield return message;
        }
    }

    public void Dispose() => _call.Dispose();
}

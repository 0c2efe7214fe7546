using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Hub.Grpc.Client;

/// <summary>A call that receives a stream of responses. Dispose it to cancel a call still running.</summary>
public sealed class ServerStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TRequest, TResponse> _call;

    internal ServerStreamingCall(ClientCall<TRequest, TResponse> call) => _call = call;

    public Task<GrpcMetadata> ResponseHeadersAsync => _call.GetResponseHeadersAsync();

    /// <summary>The trailers, once the response stream was read to its end.</summary>
    public GrpcMetadata Trailers => _call.Trailers;

    /// <summary>Every response message; ends when the call ends with OK and throws <see cref="GrpcCallException"/> otherwise.</summary>
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

namespace Hub.Grpc.Server;

/// <summary>The response stream of a server- or bidirectional-streaming call.</summary>
public interface IGrpcStreamWriter<in T>
{
    /// <summary>Sends one message; it is flushed to the peer before the task completes.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

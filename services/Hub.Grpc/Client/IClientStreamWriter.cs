namespace Hub.Grpc.Client;

/// <summary>The request stream of a client- or bidirectional-streaming call.</summary>
public interface IClientStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Ends the request stream (half-close); the server sees the end of its request messages.</summary>
    Task CompleteAsync();
}

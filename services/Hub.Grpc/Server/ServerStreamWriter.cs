using Google.Protobuf;

namespace Hub.Grpc.Server;

internal sealed class ServerStreamWriter<T> : IGrpcStreamWriter<T>
    where T : IMessage<T>
{
    private readonly GrpcServerCall _call;

    public ServerStreamWriter(GrpcServerCall call) => _call = call;

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!cancellationToken.CanBeCanceled)
        {
            await _call.WriteMessageAsync(message, flush: true, _call.Context.CancellationToken);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _call.Context.CancellationToken);
        await _call.WriteMessageAsync(message, flush: true, linked.Token);
    }
}

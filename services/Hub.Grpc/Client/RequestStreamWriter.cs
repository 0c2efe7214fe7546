using Google.Protobuf;

namespace Hub.Grpc.Client;

internal sealed class RequestStreamWriter<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TRequest, TResponse> _call;
    private readonly PushStreamContent _content;
    private readonly int _maxSendMessageSize;
    private bool _completed;

    public RequestStreamWriter(ClientCall<TRequest, TResponse> call, PushStreamContent content, int maxSendMessageSize)
    {
        _call = call;
        _content = content;
        _maxSendMessageSize = maxSendMessageSize;
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The request stream was already completed.");
        }

        var frame = ClientCall<TRequest, TResponse>.Frame(message, _call.RequestCodec, _maxSendMessageSize);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _call.CancellationToken);
        try
        {
            var stream = await _content.StreamAsync.WaitAsync(linked.Token);
            await stream.WriteAsync(frame, linked.Token);
            await stream.FlushAsync(linked.Token);
        }
        catch (Exception ex) when (ex is not GrpcCallException)
        {
            throw await _call.ExplainWriteFailureAsync(ex);
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        _content.Complete();
        return Task.CompletedTask;
    }
}

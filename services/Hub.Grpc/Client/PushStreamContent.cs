using System.Net;

namespace Hub.Grpc.Client;

/// <summary>
/// Request content written by the caller while the call runs: HttpClient hands over the HTTP/2
/// request stream, and the body ends when the caller completes it.
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Stream> StreamAsync => _stream.Task;

    public void Complete() => _completed.TrySetResult();

    public void Abort(Exception exception)
    {
        _stream.TrySetException(exception);
        _completed.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}

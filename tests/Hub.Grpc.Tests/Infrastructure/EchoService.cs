using System.Collections.Concurrent;
using Google.Protobuf;
using Hub.Grpc.Errors;
using Hub.Grpc.Server;
using Hub.Grpc.Tests.Echo;

namespace Hub.Grpc.Tests.Infrastructure;

/// <summary>The hub's implementation of the test Echo service; the Python and Node peers implement the same behaviour.</summary>
internal sealed class EchoService
{
    public const string FailMessage = "Hồ sơ bị từ chối: 100% invalid";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public void Bind(GrpcServiceBuilder service) => service
        .Unary<EchoRequest, EchoReply>("Say", SayAsync)
        .ClientStreaming<EchoRequest, EchoReply>("Collect", CollectAsync)
        .ServerStreaming<EchoRequest, EchoReply>("Expand", ExpandAsync)
        .DuplexStreaming<EchoRequest, EchoReply>("Chat", ChatAsync);

    /// <summary>Completes when a "wait" call with this text saw its cancellation token fire.</summary>
    public Task CancellationObserved(string text) => Signal(_cancelled, text).Task;

    /// <summary>Completes when a "wait" call with this text reached its handler and began to wait.</summary>
    public Task WaitStarted(string text) => Signal(_waiting, text).Task;

    private static TaskCompletionSource Signal(ConcurrentDictionary<string, TaskCompletionSource> signals, string text) =>
        signals.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task<EchoReply> SayAsync(EchoRequest request, ServerCallContext context)
    {
        switch (request.Mode)
        {
            case "fail":
                throw new GrpcCallException(GrpcStatusCode.InvalidArgument, FailMessage, [new FieldViolation("dossier.code", "must be 12 digits")]);
            case "crash":
                throw new InvalidOperationException("Password=hunter2 leaked from a connection string");
            case "wait":
                await WaitForCancellationAsync(request.Text, context);
                break;
            case "metadata":
                foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
                {
                    Copy(entry, context.ResponseHeaders);
                    Copy(entry, context.ResponseTrailers);
                }

                if (context.RequestHeaders.GetText("authorization") is { } authorization)
                {
                    context.ResponseHeaders.Add("x-authorization", authorization);
                }

                break;
            case "flaky":
                // Fails UNAVAILABLE for the first Count attempts with this text, then answers with the attempt number.
                var attempt = _attempts.AddOrUpdate(request.Text, 1, (_, n) => n + 1);
                return attempt <= request.Count
                    ? throw new GrpcCallException(GrpcStatusCode.Unavailable, "Try again.")
                    : new EchoReply { Text = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            case "invalid":
                _attempts.AddOrUpdate(request.Text, 1, (_, n) => n + 1);
                throw new GrpcCallException(GrpcStatusCode.InvalidArgument, "Not a retryable answer.");
            case "attempts":
                return new EchoReply { Text = _attempts.GetValueOrDefault(request.Text).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            case "encoding":
                return new EchoReply { Text = context.HttpContext.Request.Headers["grpc-encoding"].ToString() };
            case "was_cancelled":
                var observed = CancellationObserved(request.Text);
                var finished = await Task.WhenAny(observed, Task.Delay(TimeSpan.FromSeconds(10), context.CancellationToken));
                return new EchoReply { Text = finished == observed ? "yes" : "no" };
        }

        return new EchoReply
        {
            Text = request.Text,
            Payload = request.ReplySize > 0 ? ByteString.CopyFrom(new byte[request.ReplySize]) : request.Payload,
        };
    }

    private static async Task<EchoReply> CollectAsync(IAsyncEnumerable<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests)
        {
            texts.Add(request.Text);
        }

        return new EchoReply { Text = string.Join(",", texts), Index = texts.Count };
    }

    private async Task ExpandAsync(EchoRequest request, IGrpcStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await responses.WriteAsync(new EchoReply { Text = request.Text, Index = i, Payload = ByteString.CopyFrom(new byte[request.ReplySize]) });
        }

        if (request.Mode == "wait")
        {
            await WaitForCancellationAsync(request.Text, context);
        }
    }

    private static async Task ChatAsync(IAsyncEnumerable<EchoRequest> requests, IGrpcStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests)
        {
            await responses.WriteAsync(new EchoReply { Text = request.Text, Index = index++ });
        }
    }

    private async Task WaitForCancellationAsync(string text, ServerCallContext context)
    {
        try
        {
            Signal(_waiting, text).TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Signal(_cancelled, text).TrySetResult();
            throw;
        }
    }

    private static void Copy(GrpcMetadataEntry entry, GrpcMetadata target)
    {
        if (entry.Bytes is { } bytes)
        {
            target.Add(entry.Key, bytes);
        }
        else
        {
            target.Add(entry.Key, entry.Text!);
        }
    }
}

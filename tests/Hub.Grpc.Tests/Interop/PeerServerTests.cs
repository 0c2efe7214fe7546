using Google.Protobuf;
using Hub.Grpc.Client;
using Hub.Grpc.Tests.Echo;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Interop;

/// <summary>The hub's client against a standard server; run once per peer below.</summary>
public abstract class PeerServerTests<TFixture>(TFixture peer) : IClassFixture<TFixture>
    where TFixture : PeerServerFixture
{
    private GrpcChannel Channel => peer.Channel;

    [Fact]
    public async Task Unary_call_works() =>
        Assert.Equal("xin chào", (await Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "xin chào" })).Text);

    [Fact]
    public async Task Client_streaming_call_works()
    {
        using var call = Channel.ClientStreaming(EchoMethods.Collect, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }

        await call.RequestStream.CompleteAsync();

        Assert.Equal("a,b,c", (await call.ResponseAsync).Text);
    }

    [Fact]
    public async Task Server_streaming_call_works()
    {
        using var call = Channel.ServerStreaming(EchoMethods.Expand, new EchoRequest { Text = "x", Count = 5 }, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));

        var indexes = new List<int>();
        await foreach (var reply in call.ReadAllAsync())
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
    }

    [Fact]
    public async Task Bidirectional_call_works()
    {
        using var call = Channel.DuplexStreaming(EchoMethods.Chat, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
        await using var responses = call.ReadAllAsync().GetAsyncEnumerator();

        foreach (var text in new[] { "one", "two", "three" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await responses.MoveNextAsync());
            Assert.Equal(text, responses.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await responses.MoveNextAsync());
    }

    [Fact]
    public async Task Expiring_deadline_is_DEADLINE_EXCEEDED_and_reaches_the_peer()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "deadline-hub", Mode = "wait" }, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(200))));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("yes", await WasCancelledAsync("deadline-hub"));
    }

    [Fact]
    public async Task Cancellation_reaches_the_peer()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Channel.ServerStreaming(
            EchoMethods.Expand,
            new EchoRequest { Text = "cancel-hub", Count = 1, Mode = "wait" },
            new CallOptions { CancellationToken = cancellation.Token });

        var error = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            await foreach (var reply in call.ReadAllAsync())
            {
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(GrpcStatusCode.Cancelled, error.StatusCode);
        Assert.Equal("yes", await WasCancelledAsync("cancel-hub"));
    }

    [Fact]
    public async Task Metadata_round_trips_including_binary_values()
    {
        var headers = new GrpcMetadata()
            .Add("x-dossier-id", "H01-240101-0001")
            .Add("x-signature-bin", [0x00, 0xFF, 0x10, 0x80]);

        var response = await Channel.CallUnaryAsync(EchoMethods.Say, new EchoRequest { Mode = "metadata" }, new CallOptions { Headers = headers, BearerToken = "token-123" });

        Assert.Equal("H01-240101-0001", response.Headers.GetText("x-dossier-id"));
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10, 0x80 }, response.Headers.GetBytes("x-signature-bin"));
        Assert.Equal("Bearer token-123", response.Headers.GetText("x-authorization"));
        Assert.Equal("H01-240101-0001", response.Trailers.GetText("x-dossier-id"));
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10, 0x80 }, response.Trailers.GetBytes("x-signature-bin"));
    }

    [Fact]
    public async Task Error_status_and_message_arrive_intact()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Mode = "fail" }));

        Assert.Equal(GrpcStatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(EchoService.FailMessage, error.StatusMessage);
    }

    [Fact]
    public async Task Gzip_both_ways_works()
    {
        using var channel = GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions { RequestCompression = "gzip" });
        var payload = ByteString.CopyFrom(new byte[64 * 1024]);

        var echoed = await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "z", Payload = payload });

        Assert.Equal(payload, echoed.Payload);
    }

    [Fact]
    public async Task Messages_near_the_limit_pass_and_larger_ones_are_RESOURCE_EXHAUSTED()
    {
        using var channel = GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions { MaxSendMessageSize = 16 * 1024 * 1024, MaxReceiveMessageSize = 16 * 1024 * 1024 });
        var options = CallOptions.WithTimeout(TimeSpan.FromSeconds(30));

        var echoed = await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]) }, options);
        var reply = await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { ReplySize = (4 * 1024 * 1024) - 64 }, options);
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) }, options));

        Assert.Equal((4 * 1024 * 1024) - 64, echoed.Payload.Length);
        Assert.Equal((4 * 1024 * 1024) - 64, reply.Payload.Length);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Client_limit_refuses_a_larger_reply()
    {
        using var channel = GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => channel.UnaryAsync(EchoMethods.Say, new EchoRequest { ReplySize = 4096 }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unknown_method_is_UNIMPLEMENTED()
    {
        var method = new GrpcMethod<EchoRequest, EchoReply>(EchoReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Unmapped").FindMethodByName("Say"));

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(method, new EchoRequest()));

        Assert.Equal(GrpcStatusCode.Unimplemented, error.StatusCode);
    }

    private async Task<string> WasCancelledAsync(string text) =>
        (await Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = text, Mode = "was_cancelled" }, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)))).Text;
}

public sealed class PythonGrpcioServerTests(PythonServerFixture peer) : PeerServerTests<PythonServerFixture>(peer);

public sealed class NodeGrpcJsServerTests(NodeServerFixture peer) : PeerServerTests<NodeServerFixture>(peer);

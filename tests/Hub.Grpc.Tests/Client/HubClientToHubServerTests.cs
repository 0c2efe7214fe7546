using Google.Protobuf;
using Hub.Grpc.Client;
using Hub.Grpc.Tests.Echo;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Client;

public sealed class HubClientToHubServerTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task Unary_call_returns_the_reply()
    {
        var reply = await Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "xin chào" });

        Assert.Equal("xin chào", reply.Text);
    }

    [Fact]
    public async Task Client_streaming_call_sends_every_message()
    {
        using var call = Channel.ClientStreaming(EchoMethods.Collect);
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal("a,b,c", reply.Text);
    }

    [Fact]
    public async Task Server_streaming_call_receives_every_message()
    {
        using var call = Channel.ServerStreaming(EchoMethods.Expand, new EchoRequest { Text = "x", Count = 5 });

        var indexes = new List<int>();
        await foreach (var reply in call.ReadAllAsync())
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
    }

    [Fact]
    public async Task Bidirectional_call_interleaves_requests_and_responses()
    {
        using var call = Channel.DuplexStreaming(EchoMethods.Chat);
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
    public async Task Deadline_expiring_ends_the_call_with_DEADLINE_EXCEEDED_and_the_handler_sees_it()
    {
        // Long enough for the call to reach its handler on a busy machine: a deadline that lapses
        // before then ends the call without any handler to tell.
        var options = CallOptions.WithTimeout(TimeSpan.FromSeconds(2));

        var call = Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "deadline-hub", Mode = "wait" }, options);
        await fixture.Server.Echo.WaitStarted("deadline-hub").WaitAsync(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => call);

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.StatusCode);
        await fixture.Server.Echo.CancellationObserved("deadline-hub").WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_a_call_reaches_the_handler()
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
        await fixture.Server.Echo.CancellationObserved("cancel-hub").WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_the_read_token_cancels_the_call()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Channel.ServerStreaming(EchoMethods.Expand, new EchoRequest { Text = "cancel-read", Count = 1, Mode = "wait" });

        var error = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            await foreach (var reply in call.ReadAllAsync(cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(GrpcStatusCode.Cancelled, error.StatusCode);
        await fixture.Server.Echo.CancellationObserved("cancel-read").WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Disposing_an_unfinished_call_cancels_it_on_the_server()
    {
        using (var call = Channel.ServerStreaming(EchoMethods.Expand, new EchoRequest { Text = "cancel-dispose", Count = 1, Mode = "wait" }))
        {
            await using var replies = call.ReadAllAsync().GetAsyncEnumerator();
            Assert.True(await replies.MoveNextAsync());
        }

        await fixture.Server.Echo.CancellationObserved("cancel-dispose").WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Deadline_on_a_streaming_call_is_DEADLINE_EXCEEDED()
    {
        using var call = Channel.DuplexStreaming(EchoMethods.Chat, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(200)));

        var error = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            // The request stream stays open, so the server keeps waiting until the deadline ends the call.
            await call.RequestStream.WriteAsync(new EchoRequest { Text = "first" });
            await foreach (var reply in call.ReadAllAsync())
            {
            }
        });

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Metadata_round_trips_including_binary_values()
    {
        var headers = new GrpcMetadata()
            .Add("x-dossier-id", "000.00.01.H01-240101-0001")
            .Add("x-signature-bin", [0x00, 0xFF, 0x10, 0x80]);

        var response = await Channel.CallUnaryAsync(EchoMethods.Say, new EchoRequest { Mode = "metadata" }, new CallOptions { Headers = headers });

        Assert.Equal("000.00.01.H01-240101-0001", response.Headers.GetText("x-dossier-id"));
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10, 0x80 }, response.Headers.GetBytes("x-signature-bin"));
        Assert.Equal("000.00.01.H01-240101-0001", response.Trailers.GetText("x-dossier-id"));
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10, 0x80 }, response.Trailers.GetBytes("x-signature-bin"));
    }

    [Fact]
    public async Task Error_status_carries_message_and_field_violations()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Mode = "fail" }));

        Assert.Equal(GrpcStatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(EchoService.FailMessage, error.StatusMessage);
        var violation = Assert.Single(error.FieldViolations);
        Assert.Equal("dossier.code", violation.Field);
    }

    [Fact]
    public async Task Unhandled_exception_becomes_INTERNAL_without_its_details()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Mode = "crash" }));

        Assert.Equal(GrpcStatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_understood_and_answered_compressed()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { RequestCompression = "gzip" });
        var payload = ByteString.CopyFrom(new byte[64 * 1024]);

        var response = await channel.CallUnaryAsync(EchoMethods.Say, new EchoRequest { Mode = "encoding" });
        var echoed = await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "z", Payload = payload });

        Assert.Equal("gzip", response.Message.Text);
        Assert.Equal(payload, echoed.Payload);
    }

    [Fact]
    public async Task Messages_up_to_the_limit_pass_and_larger_ones_are_RESOURCE_EXHAUSTED()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { MaxSendMessageSize = 16 * 1024 * 1024, MaxReceiveMessageSize = 16 * 1024 * 1024 });
        var nearLimit = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]);
        var overLimit = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]);

        var echoed = await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Payload = nearLimit });
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Payload = overLimit }));

        Assert.Equal(nearLimit.Length, echoed.Payload.Length);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Client_refuses_to_receive_a_message_over_its_own_limit()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.UnaryAsync(EchoMethods.Say, new EchoRequest { ReplySize = 4096 }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unknown_method_is_UNIMPLEMENTED()
    {
        var method = new GrpcMethod<EchoRequest, EchoReply>(EchoReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Unmapped").FindMethodByName("Say"));

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(method, new EchoRequest()));

        Assert.Equal(GrpcStatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Bearer_token_is_sent_as_authorization_metadata()
    {
        var options = new CallOptions { BearerToken = "token-123", Headers = new GrpcMetadata().Add("x-probe", "1") };

        var response = await Channel.CallUnaryAsync(EchoMethods.Say, new EchoRequest { Mode = "metadata" }, options);

        Assert.Equal("Bearer token-123", response.Headers.GetText("x-authorization"));
    }
}

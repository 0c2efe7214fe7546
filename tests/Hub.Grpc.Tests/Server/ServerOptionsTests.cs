using Hub.Grpc.Client;
using Hub.Grpc.Server;
using Hub.Grpc.Tests.Echo;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Server;

public sealed class ServerOptionsTests : IAsyncLifetime
{
    private HubServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await HubServer.StartAsync(new GrpcServerOptions { MaxReceiveMessageSize = 2048, MaxSendMessageSize = 2048, ResponseCompression = "gzip" });
        _channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Reply_over_the_server_send_limit_is_RESOURCE_EXHAUSTED()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _channel.UnaryAsync(EchoMethods.Say, new EchoRequest { ReplySize = 4096 }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Streamed_reply_over_the_send_limit_ends_the_stream_with_RESOURCE_EXHAUSTED()
    {
        using var call = _channel.ServerStreaming(EchoMethods.Expand, new EchoRequest { Count = 3, ReplySize = 4096 });

        var error = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            await foreach (var reply in call.ReadAllAsync())
            {
            }
        });

        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_over_the_configured_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            _channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[4096]) }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Compressed_request_that_inflates_past_the_limit_is_RESOURCE_EXHAUSTED()
    {
        using var channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { RequestCompression = "gzip" });

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[64 * 1024]) }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Configured_response_compression_is_used_when_the_client_accepts_it()
    {
        var response = await Server.RawHttp2.PostAsync(
            _server.Address,
            "/hub.grpc.test.v1.Echo/Say",
            Server.RawHttp2.Frame(0, Google.Protobuf.MessageExtensions.ToByteArray(new EchoRequest { Text = "nén" })),
            headers: new Dictionary<string, string> { ["grpc-accept-encoding"] = "gzip" });

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(1, response.Body[0]);
    }

    [Fact]
    public async Task Response_is_not_compressed_for_a_client_that_does_not_accept_gzip()
    {
        var response = await Server.RawHttp2.PostAsync(
            _server.Address,
            "/hub.grpc.test.v1.Echo/Say",
            Server.RawHttp2.Frame(0, Google.Protobuf.MessageExtensions.ToByteArray(new EchoRequest { Text = "thô" })),
            headers: new Dictionary<string, string> { ["grpc-accept-encoding"] = "identity" });

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(0, response.Body[0]);
    }
}

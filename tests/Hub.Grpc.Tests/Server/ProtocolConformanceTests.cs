using System.Net;
using Google.Protobuf;
using Hub.Grpc.Compression;
using Hub.Grpc.Tests.Echo;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Server;

/// <summary>Malformed and unexpected requests, each answered as the protocol says, none taking the server down.</summary>
public sealed class ProtocolConformanceTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private const string Say = "/hub.grpc.test.v1.Echo/Say";
    private static readonly byte[] Hello = new EchoRequest { Text = "hello" }.ToByteArray();

    private Uri Address => fixture.Server.Address;

    [Fact]
    public async Task Well_formed_request_gets_one_message_and_OK_in_trailers()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, Hello));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("0", response.GrpcStatus);
        Assert.False(response.TrailersOnly);
        Assert.Equal("hello", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray()).Text);
    }

    [Fact]
    public async Task Truncated_frame_is_INTERNAL()
    {
        var frame = RawHttp2.Frame(0, Hello);

        var response = await RawHttp2.PostAsync(Address, Say, frame[..3]);

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Length_prefix_larger_than_the_body_is_INTERNAL()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, Hello, declaredLength: Hello.Length + 100));

        Assert.Equal("13", response.GrpcStatus);
        Assert.True(response.TrailersOnly);
    }

    [Fact]
    public async Task Compressed_flag_without_grpc_encoding_is_INTERNAL()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(1, Hello));

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Unknown_grpc_encoding_is_UNIMPLEMENTED_and_lists_the_supported_ones()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(1, Hello), headers: new Dictionary<string, string> { ["grpc-encoding"] = "snappy" });

        Assert.Equal("12", response.GrpcStatus);
        Assert.True(response.TrailersOnly);
    }

    [Fact]
    public async Task Gzip_frame_with_grpc_encoding_is_accepted()
    {
        var body = RawHttp2.Frame(1, GzipCodec.Instance.Compress(Hello));

        var response = await RawHttp2.PostAsync(Address, Say, body, headers: new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });

        Assert.Equal("0", response.GrpcStatus);
    }

    [Fact]
    public async Task Garbage_protobuf_is_INTERNAL()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]));

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Reserved_flag_bits_are_INTERNAL()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0x80, Hello));

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Length_prefix_over_the_limit_is_RESOURCE_EXHAUSTED_before_the_body_arrives()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, Hello, declaredLength: int.MaxValue));

        Assert.Equal("8", response.GrpcStatus);
    }

    [Fact]
    public async Task Unary_request_with_two_messages_is_INTERNAL()
    {
        var response = await RawHttp2.PostAsync(Address, Say, [.. RawHttp2.Frame(0, Hello), .. RawHttp2.Frame(0, Hello)]);

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Wrong_content_type_is_HTTP_415()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, Hello), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
    }

    [Fact]
    public async Task Grpc_web_content_type_is_HTTP_415()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, Hello), contentType: "application/grpc-web");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
    }

    [Fact]
    public async Task Grpc_proto_content_type_with_parameters_is_accepted()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, Hello), contentType: "application/grpc+proto; charset=utf-8");

        Assert.Equal("0", response.GrpcStatus);
    }

    [Fact]
    public async Task HTTP_1_1_request_is_refused_with_426_and_INTERNAL()
    {
        var response = await RawHttp2.PostAsync(fixture.Server.Http1Address, Say, RawHttp2.Frame(0, Hello), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Unknown_service_is_UNIMPLEMENTED()
    {
        var response = await RawHttp2.PostAsync(Address, "/hub.nowhere.v1.Nothing/Call", RawHttp2.Frame(0, Hello));

        Assert.Equal("12", response.GrpcStatus);
        Assert.True(response.TrailersOnly);
    }

    [Fact]
    public async Task Unknown_method_of_a_known_service_is_UNIMPLEMENTED()
    {
        var response = await RawHttp2.PostAsync(Address, "/hub.grpc.test.v1.Echo/Shout", RawHttp2.Frame(0, Hello));

        Assert.Equal("12", response.GrpcStatus);
    }

    [Fact]
    public async Task Error_message_is_percent_encoded_in_trailers()
    {
        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, new EchoRequest { Mode = "fail" }.ToByteArray()));

        Assert.Equal("3", response.GrpcStatus);
        Assert.Equal("H%E1%BB%93 s%C6%A1 b%E1%BB%8B t%E1%BB%AB ch%E1%BB%91i: 100%25 invalid", response.GrpcMessage);
    }

    [Fact]
    public async Task Server_keeps_serving_after_bad_requests()
    {
        await RawHttp2.PostAsync(Address, Say, [0x01, 0x02]);
        await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(7, Hello, declaredLength: -1));

        var response = await RawHttp2.PostAsync(Address, Say, RawHttp2.Frame(0, Hello));

        Assert.Equal("0", response.GrpcStatus);
    }
}

using System.Text.Json;

namespace Hub.Grpc.Tests.Interop;

/// <summary>What every standard client must see from the hub's server; run once per peer below.</summary>
public abstract class PeerClientTests<TResults>(TResults peer) : IClassFixture<TResults>
    where TResults : PeerClientResults
{
    [Fact]
    public void Unary_call_works() => Assert.Equal("xin chào", peer["unary"].GetString());

    [Fact]
    public void Client_streaming_call_works() => Assert.Equal("a,b,c", peer["client_streaming"].GetString());

    [Fact]
    public void Server_streaming_call_works() =>
        Assert.Equal([0, 1, 2, 3, 4], peer["server_streaming"].EnumerateArray().Select(e => e.GetInt32()));

    [Fact]
    public void Bidirectional_call_works() =>
        Assert.Equal(["one", "two", "three"], peer["duplex"].EnumerateArray().Select(e => e.GetString()));

    [Fact]
    public void Expiring_deadline_is_DEADLINE_EXCEEDED_and_reaches_the_handler()
    {
        Assert.Equal("DEADLINE_EXCEEDED", Code(peer["deadline"]));
        Assert.Equal("yes", peer["deadline_observed"].GetString());
    }

    [Fact]
    public void Metadata_round_trips_including_binary_values()
    {
        var metadata = peer["metadata"];
        Assert.Equal("H01-240101-0001", metadata.GetProperty("header").GetString());
        Assert.Equal("00ff1080", metadata.GetProperty("header_bin").GetString());
        Assert.Equal("H01-240101-0001", metadata.GetProperty("trailer").GetString());
        Assert.Equal("00ff1080", metadata.GetProperty("trailer_bin").GetString());
    }

    [Fact]
    public void Error_status_and_message_arrive_intact()
    {
        var error = peer["error"];
        Assert.Equal("INVALID_ARGUMENT", Code(error));
        Assert.Equal(Infrastructure.EchoService.FailMessage, error.GetProperty("message").GetString());
    }

    [Fact]
    public void Field_violations_decode_as_google_rpc_BadRequest()
    {
        var error = peer["error"];
        Assert.Equal(3, error.GetProperty("details_code").GetInt32());
        var violation = Assert.Single(error.GetProperty("violations").EnumerateArray());
        Assert.Equal("dossier.code", violation.GetProperty("field").GetString());
        Assert.Equal("must be 12 digits", violation.GetProperty("description").GetString());
    }

    [Fact]
    public void Unhandled_exception_is_INTERNAL_without_details()
    {
        var crash = peer["crash"];
        Assert.Equal("INTERNAL", Code(crash));
        Assert.DoesNotContain("hunter2", crash.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_compressed_calls_work()
    {
        var gzip = peer["gzip"];
        Assert.Equal("gzip", gzip.GetProperty("seen_encoding").GetString());
        Assert.Equal(65536, gzip.GetProperty("echoed_bytes").GetInt32());
    }

    [Fact]
    public void Messages_near_the_limit_pass_both_ways()
    {
        Assert.Equal((4 * 1024 * 1024) - 64, peer["large_near_limit"].GetInt32());
        Assert.Equal((4 * 1024 * 1024) - 64, peer["large_reply_near_limit"].GetInt32());
    }

    [Fact]
    public void Message_over_the_limit_is_RESOURCE_EXHAUSTED() =>
        Assert.Equal("RESOURCE_EXHAUSTED", Code(peer["large_over_limit"]));

    [Fact]
    public void Cancellation_reaches_the_handler() => Assert.Equal("yes", peer["cancel_observed"].GetString());

    [Fact]
    public void Unknown_method_is_UNIMPLEMENTED() => Assert.Equal("UNIMPLEMENTED", Code(peer["unimplemented"]));

    [Fact]
    public void Health_check_answers_SERVING() => Assert.Equal("0801", peer["health"].GetString());

    protected static string? Code(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("code", out var code) ? code.GetString() : result.ToString();
}

public sealed class PythonGrpcioClientTests(PythonClientResults peer) : PeerClientTests<PythonClientResults>(peer);

public sealed class NodeGrpcJsClientTests(NodeClientResults peer) : PeerClientTests<NodeClientResults>(peer);

using Hub.Grpc.Client;
using Hub.Grpc.Tests.Echo;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Client;

public sealed class RetryTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private static readonly GrpcChannelOptions FastRetries = new()
    {
        Retry = new GrpcRetryOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(10) },
    };

    [Fact]
    public async Task Idempotent_call_is_retried_on_UNAVAILABLE_until_it_succeeds()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, FastRetries);

        var reply = await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "retry-ok", Mode = "flaky", Count = 2 }, new CallOptions { IsIdempotent = true });

        Assert.Equal("3", reply.Text);
    }

    [Fact]
    public async Task Idempotent_call_gives_up_after_the_configured_attempts()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "retry-exhausted", Mode = "flaky", Count = 10 }, new CallOptions { IsIdempotent = true }));

        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
        Assert.Equal("3", await AttemptsAsync(channel, "retry-exhausted"));
    }

    [Fact]
    public async Task Call_not_marked_idempotent_is_not_retried()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "retry-unsafe", Mode = "flaky", Count = 1 }));

        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
        Assert.Equal("1", await AttemptsAsync(channel, "retry-unsafe"));
    }

    [Fact]
    public async Task Other_status_codes_are_not_retried_even_for_idempotent_calls()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = "retry-invalid", Mode = "invalid" }, new CallOptions { IsIdempotent = true }));

        Assert.Equal(GrpcStatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("1", await AttemptsAsync(channel, "retry-invalid"));
    }

    [Fact]
    public async Task Unreachable_server_is_UNAVAILABLE()
    {
        using var channel = GrpcChannel.ForAddress(new Uri("http://127.0.0.1:1"), new GrpcChannelOptions { Retry = new GrpcRetryOptions { MaxAttempts = 1 } });

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => channel.UnaryAsync(EchoMethods.Say, new EchoRequest(), new CallOptions { IsIdempotent = true }));

        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
    }

    private static async Task<string> AttemptsAsync(GrpcChannel channel, string text) =>
        (await channel.UnaryAsync(EchoMethods.Say, new EchoRequest { Text = text, Mode = "attempts" })).Text;
}

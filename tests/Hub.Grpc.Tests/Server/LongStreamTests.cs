using Google.Protobuf;
using Hub.Grpc.Tests.Echo;
using Hub.Grpc.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Grpc.Tests.Server;

/// <summary>
/// A streaming call's request body is a sequence of messages with no natural end (a nightly bulk
/// resync runs for hours, pausing while the client gathers its next batch), so neither Kestrel's
/// whole-body size limit nor its minimum data rate may end it; the per-message limit does that job.
/// </summary>
public sealed class LongStreamTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private const int MessageBytes = 1024 * 1024;

    /// <summary>Enough 1 MiB messages to carry a little more than Kestrel's request body limit (30 MB by default).</summary>
    private int MessagesPastTheBodyLimit =>
        (int)(fixture.Server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize!.Value / MessageBytes) + 2;

    [Fact]
    public async Task Bidirectional_call_may_carry_more_than_the_server_request_body_limit()
    {
        var messages = MessagesPastTheBodyLimit;
        var payload = ByteString.CopyFrom(new byte[MessageBytes]);
        using var call = fixture.Channel.DuplexStreaming(EchoMethods.Chat);
        await using var replies = call.ReadAllAsync().GetAsyncEnumerator();

        for (var i = 0; i < messages; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"batch-{i}", Payload = payload });
            Assert.True(await replies.MoveNextAsync());
            Assert.Equal(i, replies.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await replies.MoveNextAsync());
    }

    [Fact]
    public async Task Client_streaming_call_may_carry_more_than_the_server_request_body_limit()
    {
        var messages = MessagesPastTheBodyLimit;
        var payload = ByteString.CopyFrom(new byte[MessageBytes]);
        using var call = fixture.Channel.ClientStreaming(EchoMethods.Collect);

        for (var i = 0; i < messages; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = "x", Payload = payload });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(messages, (await call.ResponseAsync).Index);
    }

    [Fact]
    public async Task Bidirectional_call_may_pause_between_messages_longer_than_the_minimum_data_rate_allows()
    {
        // Kestrel's default: 240 bytes/s once a 5 s grace period has passed; a client may wait longer for its next batch.
        var pause = fixture.Server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate!.GracePeriod + TimeSpan.FromSeconds(2);
        using var call = fixture.Channel.DuplexStreaming(EchoMethods.Chat);
        await using var replies = call.ReadAllAsync().GetAsyncEnumerator();

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "before" });
        Assert.True(await replies.MoveNextAsync());
        await Task.Delay(pause);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "after" });
        Assert.True(await replies.MoveNextAsync());
        Assert.Equal("after", replies.Current.Text);

        await call.RequestStream.CompleteAsync();
        Assert.False(await replies.MoveNextAsync());
    }
}

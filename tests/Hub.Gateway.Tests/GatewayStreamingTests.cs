using Google.Protobuf;
using Hub.Gateway.Tests.Probe;
using Hub.Grpc.Client;
using Hub.ServiceDefaults.Security;

namespace Hub.Gateway.Tests;

/// <summary>Bulk streams through the gateway: a stream lives as long as its client keeps sending, whatever it has sent.</summary>
public sealed class GatewayStreamingTests(GatewayUnderTest gateway) : IClassFixture<GatewayUnderTest>
{
    // 40 MiB in all: past Kestrel's default request body limit (30 MB, the service's) and the
    // gateway's own (16 MiB in its appsettings.json), either of which would end the call part-way.
    private const int Messages = 40;
    private const int MessageBytes = 1024 * 1024;

    [Fact]
    public async Task A_bidirectional_stream_carries_more_than_any_request_body_limit()
    {
        var payload = ByteString.CopyFrom(new byte[MessageBytes]);
        var options = new CallOptions { BearerToken = gateway.Issuer.Issue("01", "01", HubScopes.Sync) };
        using var call = gateway.Channel.DuplexStreaming(ProbeMethods.Chat, options);
        await using var replies = call.ReadAllAsync().GetAsyncEnumerator();

        for (var i = 0; i < Messages; i++)
        {
            var text = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await call.RequestStream.WriteAsync(new ProbeRequest { Text = text, Payload = payload });
            Assert.True(await replies.MoveNextAsync());
            Assert.Equal(text, replies.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await replies.MoveNextAsync());
    }
}

using Hub.Gateway.Tests.Probe;
using Hub.Grpc;
using Hub.Grpc.Client;
using Hub.ServiceDefaults.Security;

namespace Hub.Gateway.Tests;

/// <summary>Rate limits, destinations failing and coming back: the gateway says so in gRPC terms and recovers.</summary>
public sealed class GatewayResilienceTests(GatewayUnderTest gateway) : IClassFixture<GatewayUnderTest>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_client_over_its_tier_gets_RESOURCE_EXHAUSTED_with_a_retry_hint_and_recovers()
    {
        // The "slow" tenant's tier allows a burst of 3 and refills one call a second.
        var options = Options(gateway.Issuer.Issue(GatewayUnderTest.SlowTenant, "79", HubScopes.Sync));
        GrpcCallException? refused = null;
        for (var call = 0; call < 10 && refused is null; call++)
        {
            refused = await Record.ExceptionAsync(() => EchoAsync(options)) as GrpcCallException;
        }

        Assert.NotNull(refused);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, refused.StatusCode);
        // grpc-retry-pushback-ms goes along for clients with a retry policy; grpc-* names are the
        // transport's own, so the hub's client shows the hint as retry-after.
        Assert.True(int.Parse(refused.Trailers.GetText("retry-after")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await EventuallyAsync(() => EchoAsync(options));
    }

    [Fact]
    public async Task Other_clients_keep_their_own_budget()
    {
        var slow = Options(gateway.Issuer.Issue(GatewayUnderTest.SlowTenant, "79", HubScopes.Sync));
        for (var call = 0; call < 6; call++)
        {
            await Record.ExceptionAsync(() => EchoAsync(slow));
        }

        Assert.Equal("ok", (await EchoAsync(Options(gateway.Issuer.Issue("01", "01", HubScopes.Sync)))).Text);
    }

    [Fact]
    public async Task A_destination_going_down_is_UNAVAILABLE_and_serves_again_when_it_is_back()
    {
        var options = Options(gateway.Issuer.Issue("92", "92", HubScopes.Sync));
        await EchoAsync(options);

        await gateway.Backend.StopAsync();
        var down = await Assert.ThrowsAsync<GrpcCallException>(() => EchoAsync(options));
        Assert.Equal(GrpcStatusCode.Unavailable, down.StatusCode);

        await gateway.Backend.RestartAsync();
        await EventuallyAsync(() => EchoAsync(options));
    }

    private Task<ProbeReply> EchoAsync(CallOptions options) =>
        gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "ok" }, options);

    private static CallOptions Options(string token) => CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = token };

    /// <summary>Retries until the call succeeds; fails the test after a generous limit.</summary>
    internal static async Task EventuallyAsync(Func<Task> call)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (GrpcCallException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}

/// <summary>Routes come from configuration and change without a restart.</summary>
public sealed class GatewayReloadTests(GatewayWithoutProbeRoute gateway) : IClassFixture<GatewayWithoutProbeRoute>
{
    [Fact]
    public async Task A_route_added_to_the_configuration_serves_without_a_restart()
    {
        var options = CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = gateway.Issuer.Issue("79", "79", HubScopes.Sync) };
        var before = await Assert.ThrowsAsync<GrpcCallException>(() =>
            gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "reload" }, options));
        Assert.Equal(GrpcStatusCode.Unimplemented, before.StatusCode);

        await gateway.AddRouteAsync("probe-added", "/hub.gatewaytest.v1.Probe/{method}");

        await GatewayResilienceTests.EventuallyAsync(() =>
            gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "reload" }, options));
    }
}

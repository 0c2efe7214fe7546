using Hub.Gateway.Tests.Probe;
using Hub.Grpc;
using Hub.Grpc.Client;
using Hub.ServiceDefaults.Security;
using Hub.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Gateway.Tests;

/// <summary>Revocation bites at the gateway within seconds of identity's event, not at token expiry.</summary>
public sealed class GatewayRevocationTests(GatewayUnderTest gateway) : IClassFixture<GatewayUnderTest>
{
    [Fact]
    public async Task A_disabled_client_is_refused_until_it_is_enabled_again()
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        var options = CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with
        {
            BearerToken = gateway.Issuer.Issue(new TestToken("79", "79", [HubScopes.Sync]) { ClientId = clientId }),
        };
        await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "before" }, options);

        await GatewayUnderTest.PublishAsync(new Hub.Contracts.Identity.ClientDisabled(clientId, "79", DateTimeOffset.UtcNow));
        var refused = await EventuallyRefusedAsync(options);
        Assert.Equal(GrpcStatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal("The access token or its client has been revoked.", refused.StatusMessage);

        await GatewayUnderTest.PublishAsync(new Hub.Contracts.Identity.ClientEnabled(clientId, "79", DateTimeOffset.UtcNow));
        await GatewayResilienceTests.EventuallyAsync(() => gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "after" }, options));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_while_the_clients_other_tokens_work()
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        var revoked = gateway.Issuer.Issue(new TestToken("79", "79", [HubScopes.Sync]) { ClientId = clientId });
        var other = gateway.Issuer.Issue(new TestToken("79", "79", [HubScopes.Sync]) { ClientId = clientId });
        var jti = System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.Decode(revoked.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;

        await GatewayUnderTest.PublishAsync(new Hub.Contracts.Identity.TokenRevoked(jti, clientId, DateTimeOffset.UtcNow.AddMinutes(10), DateTimeOffset.UtcNow));

        var refused = await EventuallyRefusedAsync(CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = revoked });
        Assert.Equal(GrpcStatusCode.Unauthenticated, refused.StatusCode);
        await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "other" }, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = other });
    }

    [Fact]
    public async Task A_client_that_lost_a_scope_has_its_older_tokens_refused_and_newer_ones_served()
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        var older = CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with
        {
            BearerToken = gateway.Issuer.Issue(new TestToken("79", "79", [HubScopes.Sync, HubScopes.ScoresRead]) { ClientId = clientId }),
        };
        await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "before" }, older);

        var validFrom = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        await GatewayUnderTest.PublishAsync(new Hub.Contracts.Identity.ClientScopesNarrowed(clientId, "79", [HubScopes.ScoresRead], validFrom));
        var refused = await EventuallyRefusedAsync(older);
        Assert.Equal(GrpcStatusCode.Unauthenticated, refused.StatusCode);

        while (DateTimeOffset.UtcNow < validFrom)
        {
            await Task.Delay(50);
        }
        var newer = CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with
        {
            BearerToken = gateway.Issuer.Issue(new TestToken("79", "79", [HubScopes.Sync]) { ClientId = clientId }),
        };
        await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "after" }, newer);
    }

    private async Task<GrpcCallException> EventuallyRefusedAsync(CallOptions options)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "probe" }, options);
            }
            catch (GrpcCallException refused)
            {
                return refused;
            }
            Assert.True(DateTime.UtcNow < deadline, "the revocation did not reach the gateway within 30 s");
            await Task.Delay(100);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.Identity;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hub.Identity.Tests;

public sealed class RevocationTests(IdentityService service) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task A_token_revoked_per_RFC_7009_is_announced_on_the_broker_listed_for_the_gateway_and_refused()
    {
        await using var broker = await BrokerListener.StartAsync(service.Servers.RabbitMqUri);
        var (id, secret, _) = await service.CreateClientAsync("operator", "operator", "VN", "revoking-admin", "hub.admin");
        var token = await service.TokenAsync(id, secret);
        var jti = new JsonWebToken(token).Id;
        using var asClient = service.WithToken(token);
        using (var before = await asClient.GetAsync("api/v1/admin/units?level=province"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = new HttpRequestMessage(HttpMethod.Post, "connect/revocation") { Content = TokenEndpointTests.Form(("token", token), ("token_type_hint", "access_token")) };
        revoke.Headers.Authorization = IdentityService.Basic(id, secret);
        using var revoked = await service.Http.SendAsync(revoke);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var announced = await broker.WaitForAsync<TokenRevoked>(e => e.Jti == jti);
        Assert.Equal(id, announced.ClientId);
        using (var after = await asClient.GetAsync("api/v1/admin/units?level=province"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
        using var admin = await service.AdminAsync();
        var snapshot = await admin.GetFromJsonAsync<JsonElement>("api/v1/revocations");
        Assert.Contains(snapshot.GetProperty("tokens").EnumerateArray(), t => t.GetProperty("jti").GetString() == jti);
    }

    [Fact]
    public async Task Revoking_someone_elses_token_is_refused_and_garbage_is_accepted_as_RFC_7009_asks()
    {
        var (id, secret, _) = await service.CreateClientAsync("24", "province", "24", "24-sync", "hub.sync");
        var adminToken = await service.TokenAsync("hub-admin", service.AdminSecret);

        using var other = new HttpRequestMessage(HttpMethod.Post, "connect/revocation") { Content = TokenEndpointTests.Form(("token", adminToken)) };
        other.Headers.Authorization = IdentityService.Basic(id, secret);
        using var refused = await service.Http.SendAsync(other);
        await TokenEndpointTests.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_request");

        using var garbage = new HttpRequestMessage(HttpMethod.Post, "connect/revocation") { Content = TokenEndpointTests.Form(("token", "not-a-token")) };
        garbage.Headers.Authorization = IdentityService.Basic(id, secret);
        using var accepted = await service.Http.SendAsync(garbage);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var anonymous = await service.Http.PostAsync("connect/revocation", TokenEndpointTests.Form(("token", adminToken)));
        await TokenEndpointTests.AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Disabling_a_client_and_revoking_a_secret_are_announced_on_the_broker_and_in_the_snapshot()
    {
        await using var broker = await BrokerListener.StartAsync(service.Servers.RabbitMqUri);
        var (id, _, secretId) = await service.CreateClientAsync("86", "province", "86", "86-sync", "hub.sync");
        using var admin = await service.AdminAsync();

        using (await admin.DeleteAsync($"api/v1/admin/clients/{id}/secrets/{secretId}"))
        using (await admin.PostAsync($"api/v1/admin/clients/{id}/disable", null))
        {
        }

        var secretRevoked = await broker.WaitForAsync<ClientSecretRevoked>(e => e.ClientId == id);
        Assert.Equal(secretId, secretRevoked.SecretId);
        var disabled = await broker.WaitForAsync<ClientDisabled>(e => e.ClientId == id);
        Assert.Equal("86", disabled.TenantId);
        var snapshot = await admin.GetFromJsonAsync<JsonElement>("api/v1/revocations");
        Assert.Contains(id, snapshot.GetProperty("disabledClients").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(snapshot.GetProperty("clientsNotBefore").EnumerateArray(), c => c.GetProperty("clientId").GetString() == id);
    }
}

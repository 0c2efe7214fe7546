using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.Identity;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hub.Identity.Tests;

public sealed class RevocationTests(IdentityService service) : IClassFixture<IdentityService>
{
    private static readonly string[] ReaderScopes = ["hub.revocations.read"];
    private static readonly string[] WidenedScopes = ["hub.revocations.read", "hub.scores.read"];

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
    public async Task Only_the_services_own_client_and_the_operators_admins_may_read_the_deny_list()
    {
        var (province, provinceSecret, _) = await service.CreateClientAsync("33", "province", "33", "33-sync", "hub.sync");
        var (ministry, ministrySecret, _) = await service.CreateClientAsync("bo-noi-vu", "ministry", "BNV", "bo-noi-vu-scores", "hub.scores.read");
        var (reader, readerSecret, _) = await service.CreateClientAsync("operator", "operator", "VN", "hub-services", "hub.revocations.read");

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(province, provinceSecret, "api/v1/revocations"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(ministry, ministrySecret, "api/v1/revocations"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(reader, readerSecret, "api/v1/revocations"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(reader, readerSecret, "api/v1/admin/units?level=province"));
    }

    /// <summary>The status of a GET with a fresh token of the client.</summary>
    private async Task<HttpStatusCode> StatusAsync(string clientId, string secret, string path) =>
        await StatusWithAsync(await service.TokenAsync(clientId, secret), path);

    [Fact]
    public async Task A_province_client_may_not_be_given_the_deny_list_scope()
    {
        using var admin = await service.AdminAsync();
        using var created = await admin.PostAsJsonAsync("api/v1/admin/tenants", new { id = "37", name = "Ninh Binh", kind = "province", unit = "37" });
        using var response = await admin.PostAsJsonAsync("api/v1/admin/clients", new { tenant = "37", id = "37-reader", name = "Reader", scopes = ReaderScopes });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Only the operator's clients may have hub.revocations.read.",
            problem.GetProperty("errors").GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Removing_a_scope_cuts_the_clients_live_tokens_short_and_its_next_token_works_at_once()
    {
        await using var broker = await BrokerListener.StartAsync(service.Servers.RabbitMqUri);
        var (id, secret, _) = await service.CreateClientAsync("operator", "operator", "VN", "narrowed-admin", "hub.admin", "hub.revocations.read");
        var before = await service.TokenAsync(id, secret);
        using var withBefore = service.WithToken(before);
        using (var allowed = await withBefore.GetAsync("api/v1/revocations"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var admin = await service.AdminAsync();
        using (var narrowed = await admin.PutAsJsonAsync($"api/v1/admin/clients/{id}/scopes", new { scopes = ReaderScopes }))
        {
            Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        }
        // Fetched straight after, within the same second as the change.
        var after = await service.TokenAsync(id, secret);

        // The old token still names hub.revocations.read, but it also carries hub.admin: it is refused as a whole.
        using (var refused = await withBefore.GetAsync("api/v1/revocations"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        Assert.Equal("hub.revocations.read", new JsonWebToken(after).GetPayloadValue<string>("scope"));
        using var withAfter = service.WithToken(after);
        using (var allowed = await withAfter.GetAsync("api/v1/revocations"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            var snapshot = await allowed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(snapshot.GetProperty("clientsNotBefore").EnumerateArray(), c => c.GetProperty("clientId").GetString() == id);
        }
        var announced = await broker.WaitForAsync<ClientScopesNarrowed>(e => e.ClientId == id);
        Assert.Equal(["hub.admin"], announced.Removed);
        Assert.True(new JsonWebToken(before).IssuedAt < announced.TokensValidFrom.UtcDateTime);
        Assert.False(new JsonWebToken(after).IssuedAt < announced.TokensValidFrom.UtcDateTime);

        // Adding a scope takes nothing away: the client's current token keeps working.
        using (var widened = await admin.PutAsJsonAsync($"api/v1/admin/clients/{id}/scopes", new { scopes = WidenedScopes }))
        {
            Assert.Equal(HttpStatusCode.OK, widened.StatusCode);
        }
        using (var stillAllowed = await withAfter.GetAsync("api/v1/revocations"))
        {
            Assert.Equal(HttpStatusCode.OK, stillAllowed.StatusCode);
        }
    }

    [Fact]
    public async Task A_token_obtained_with_a_secret_in_the_second_it_is_revoked_is_refused_while_the_other_secret_works_at_once()
    {
        await using var broker = await BrokerListener.StartAsync(service.Servers.RabbitMqUri);
        var (id, oldSecret, oldId) = await service.CreateClientAsync("operator", "operator", "VN", "rotating-reader", "hub.revocations.read");
        using var admin = await service.AdminAsync();
        using var rotated = await admin.PostAsJsonAsync($"api/v1/admin/clients/{id}/secrets", new { lifetimeDays = 90 });
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        // The service's clock stands still: the token and the revocation fall in the same second.
        var withOld = await service.TokenAsync(id, oldSecret);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(withOld, "api/v1/revocations"));

        using (var revoked = await admin.DeleteAsync($"api/v1/admin/clients/{id}/secrets/{oldId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }
        var withNew = await service.TokenAsync(id, newSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(withOld, "api/v1/revocations"));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(withNew, "api/v1/revocations"));
        var announced = await broker.WaitForAsync<ClientSecretRevoked>(e => e.ClientId == id);
        Assert.True(new JsonWebToken(withOld).IssuedAt < announced.TokensValidFrom!.Value.UtcDateTime);
        Assert.False(new JsonWebToken(withNew).IssuedAt < announced.TokensValidFrom!.Value.UtcDateTime);
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token, string path)
    {
        using var client = service.WithToken(token);
        using var response = await client.GetAsync(path);
        return response.StatusCode;
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

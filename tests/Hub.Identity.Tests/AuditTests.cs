using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Hub.Identity.Tests;

public sealed class AuditTests(IdentityService service) : IClassFixture<IdentityService>
{
    private static readonly string[] BothScopes = ["hub.sync", "hub.scores.read"];

    [Fact]
    public async Task Every_admin_change_is_in_the_audit_log_with_who_what_where_and_before_after()
    {
        var (id, _, secretId) = await service.CreateClientAsync("79", "province", "79", "79-audited", "hub.sync");
        using var admin = await service.AdminAsync();
        using (await admin.PostAsync($"api/v1/admin/clients/{id}/disable", null))
        using (await admin.PutAsJsonAsync($"api/v1/admin/clients/{id}/scopes", new { scopes = BothScopes }))
        using (await admin.DeleteAsync($"api/v1/admin/clients/{id}/secrets/{secretId}"))
        {
        }

        var entries = (await admin.GetFromJsonAsync<JsonElement>($"api/v1/admin/audit?target=client:{id}")).EnumerateArray().ToList();
        Assert.Equal(["secret.revoked", "client.scopes-changed", "client.disabled", "client.created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e =>
        {
            Assert.Equal("hub-admin", e.GetProperty("actor").GetString());
            Assert.Equal("127.0.0.1", e.GetProperty("address").GetString());
        });
        var disabled = entries[2];
        Assert.True(disabled.GetProperty("before").GetProperty("enabled").GetBoolean());
        Assert.False(disabled.GetProperty("after").GetProperty("enabled").GetBoolean());
        var tenants = (await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?target=tenant:79")).EnumerateArray();
        Assert.Contains(tenants, e => e.GetProperty("action").GetString() == "tenant.created");
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_even_from_the_database()
    {
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE audit_log SET actor = 'someone-else'", connection);
        await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        await using var delete = new NpgsqlCommand("DELETE FROM audit_log", connection);
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        using var admin = await service.AdminAsync();
        using var response = await admin.GetAsync("api/v1/admin/audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

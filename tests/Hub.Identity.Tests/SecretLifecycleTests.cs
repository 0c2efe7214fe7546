using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Hub.Identity.Tests;

public sealed class SecretLifecycleTests(IdentityService service) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task After_rotation_both_secrets_work_until_the_old_one_is_revoked()
    {
        var (id, oldSecret, oldId) = await service.CreateClientAsync("79", "province", "79", "79-rotate", "hub.sync");
        using var admin = await service.AdminAsync();

        using var rotated = await admin.PostAsJsonAsync($"api/v1/admin/clients/{id}/secrets", new { lifetimeDays = 90 });
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        using (var withOld = await service.RequestTokenAsync(id, oldSecret))
        using (var withNew = await service.RequestTokenAsync(id, newSecret))
        {
            Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
            Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        }

        using var revoked = await admin.DeleteAsync($"api/v1/admin/clients/{id}/secrets/{oldId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        using (var withOld = await service.RequestTokenAsync(id, oldSecret))
        using (var withNew = await service.RequestTokenAsync(id, newSecret))
        {
            await TokenEndpointTests.AssertErrorAsync(withOld, HttpStatusCode.Unauthorized, "invalid_client");
            Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        }
    }

    [Fact]
    public async Task An_expired_secret_is_refused()
    {
        var (id, _, _) = await service.CreateClientAsync("75", "province", "75", "75-expiring", "hub.sync");
        using var admin = await service.AdminAsync();
        using var created = await admin.PostAsJsonAsync($"api/v1/admin/clients/{id}/secrets", new { lifetimeDays = 1 });
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using (var fresh = await service.RequestTokenAsync(id, secret))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        service.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        using var expired = await service.RequestTokenAsync(id, secret);
        await TokenEndpointTests.AssertErrorAsync(expired, HttpStatusCode.Unauthorized, "invalid_client");
        var listed = await (await service.AdminAsync()).GetFromJsonAsync<JsonElement>($"api/v1/admin/clients/{id}/secrets");
        Assert.Contains(listed.EnumerateArray(), s => !s.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_disabled_client_is_refused_at_once_and_its_tokens_stop_working()
    {
        var (id, secret, _) = await service.CreateClientAsync("operator", "operator", "VN", "second-admin", "hub.admin");
        using var asSecond = service.WithToken(await service.TokenAsync(id, secret));
        using (var before = await asSecond.GetAsync("api/v1/admin/tenants"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        using var admin = await service.AdminAsync();

        using var disabled = await admin.PostAsync($"api/v1/admin/clients/{id}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        using var token = await service.RequestTokenAsync(id, secret);
        await TokenEndpointTests.AssertErrorAsync(token, HttpStatusCode.Unauthorized, "invalid_client");
        using var after = await asSecond.GetAsync("api/v1/admin/tenants");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);

        using var enabled = await admin.PostAsync($"api/v1/admin/clients/{id}/enable", null);
        using var again = await service.RequestTokenAsync(id, secret);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Secrets_are_never_stored_or_listed_in_clear()
    {
        var (id, secret, _) = await service.CreateClientAsync("01", "province", "01", "01-clear", "hub.sync");
        using var admin = await service.AdminAsync();

        var listed = await admin.GetStringAsync($"api/v1/admin/clients/{id}/secrets");
        var client = await admin.GetStringAsync($"api/v1/admin/clients/{id}");
        var audit = await admin.GetStringAsync($"api/v1/admin/audit?target=client:{id}");
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, client, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        Assert.Contains(secret[..6], listed, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "client_secrets", "clients", "audit_log", "outbox_messages" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE position(@secret in t::text) > 0", connection);
            command.Parameters.AddWithValue("secret", secret);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        await using var hashes = new NpgsqlCommand("SELECT length(hash), length(salt) FROM client_secrets WHERE client_id = @id", connection);
        hashes.Parameters.AddWithValue("id", id);
        await using var reader = await hashes.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(44, reader.GetInt32(0)); // base64 of a 32-byte HMAC-SHA256
        Assert.Equal(24, reader.GetInt32(1)); // base64 of a 16-byte salt
    }
}

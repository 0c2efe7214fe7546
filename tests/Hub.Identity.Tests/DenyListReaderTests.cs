using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Identity.Clients;

namespace Hub.Identity.Tests;

/// <summary>Identity started with a deny-list reader secret in its configuration, as `tools/hub up` starts it.</summary>
public sealed class ReaderIdentityService : IdentityService
{
    public string ReaderId { get; set; } = "hub-services";
    public string ReaderSecret { get; set; } = SecretHasher.NewSecret();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hub:Identity:DenyListReader:ClientId"] = ReaderId;
        settings["Hub:Identity:DenyListReader:Secret"] = ReaderSecret;
    }
}

public sealed class DenyListReaderTests(ReaderIdentityService service) : IClassFixture<ReaderIdentityService>
{
    [Fact]
    public async Task The_configured_reader_reads_the_deny_list_and_nothing_else()
    {
        var token = await service.TokenAsync(service.ReaderId, service.ReaderSecret, "hub.revocations.read");
        using var reader = service.WithToken(token);
        using var snapshot = await reader.GetAsync("api/v1/revocations");
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);

        using var admin = await service.RequestTokenAsync(service.ReaderId, service.ReaderSecret, "hub.admin");
        Assert.Equal(HttpStatusCode.BadRequest, admin.StatusCode);
        using var wrong = await service.RequestTokenAsync(service.ReaderId, SecretHasher.NewSecret(), "hub.revocations.read");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task A_restart_adds_no_secret_and_a_changed_secret_is_added_beside_the_old_one()
    {
        var first = service.ReaderSecret;
        await service.StartAsync();
        Assert.Single(await ActiveSecretsAsync());

        service.ReaderSecret = SecretHasher.NewSecret();
        await service.StartAsync();
        Assert.Equal(2, (await ActiveSecretsAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await service.RequestTokenAsync(service.ReaderId, first, "hub.revocations.read")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.RequestTokenAsync(service.ReaderId, service.ReaderSecret, "hub.revocations.read")).StatusCode);
    }

    private async Task<List<JsonElement>> ActiveSecretsAsync()
    {
        using var admin = await service.AdminAsync();
        var secrets = await admin.GetFromJsonAsync<JsonElement>($"api/v1/admin/clients/{service.ReaderId}/secrets");
        return secrets.EnumerateArray().Where(s => s.GetProperty("active").GetBoolean()).ToList();
    }
}

public sealed class DenyListReaderGuardTests(ReaderIdentityService service) : IClassFixture<ReaderIdentityService>
{
    [Fact]
    public async Task A_client_that_may_do_more_is_not_given_the_configured_secret()
    {
        var (id, _, _) = await service.CreateClientAsync("operator", "operator", "VN", "second-admin", "hub.admin");
        (service.ReaderId, service.ReaderSecret) = (id, SecretHasher.NewSecret());
        await service.StartAsync();

        using var response = await service.RequestTokenAsync(id, service.ReaderSecret, "hub.admin");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class DenyListReaderAbsentTests(IdentityService service) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task Without_a_configured_secret_no_reader_exists()
    {
        using var admin = await service.AdminAsync();
        using var response = await admin.GetAsync("api/v1/admin/clients/hub-services");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("too-short", false)]
    [InlineData("0123456789012345678901234567890123456789012", true)]
    public void A_configured_secret_must_be_as_long_as_one_identity_makes(string? secret, bool valid) =>
        Assert.Equal(valid, new DenyListReaderOptions { Secret = secret }.IsValid);
}

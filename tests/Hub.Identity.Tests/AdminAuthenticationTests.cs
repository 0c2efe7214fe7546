using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.Identity.Bootstrap;
using Hub.Identity.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Identity.Tests;

public sealed class AdminAuthenticationTests(IdentityService service) : IClassFixture<IdentityService>
{
    private string Issuer => service.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task Without_a_token_the_admin_API_answers_401()
    {
        using var response = await service.Http.GetAsync("api/v1/admin/tenants");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_hub_admin_is_forbidden()
    {
        var (id, secret, _) = await service.CreateClientAsync("79", "province", "79", "79-reader", "hub.scores.read");
        using var client = service.WithToken(await service.TokenAsync(id, secret));
        using var response = await client.GetAsync("api/v1/admin/tenants");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_with_a_wrong_signature_issuer_or_audience_are_refused()
    {
        var keys = await service.Services.GetRequiredService<SigningKeyRing>().GetAsync();
        var realKid = keys.Signing.Kid;
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new SigningCredentials(new ECDsaSecurityKey(forger) { KeyId = realKid }, SecurityAlgorithms.EcdsaSha256);

        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(Token(keys.Signing, Issuer, "hub")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(Token(forged, Issuer, "hub")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(Token(keys.Signing, "https://issuer.example", "hub")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(Token(keys.Signing, Issuer, "another-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(Token(keys.Signing, Issuer, "hub", type: "JWT")));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = await service.TokenAsync(OperatorBootstrapper.AdminClient, service.AdminSecret);
        using var client = service.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/admin/tenants")).StatusCode);

        service.Time.Advance(TimeSpan.FromMinutes(12));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/admin/tenants")).StatusCode);
    }

    [Fact]
    public async Task Invalid_input_is_an_RFC_9457_problem_with_field_errors()
    {
        using var admin = await service.AdminAsync();
        using var response = await admin.PostAsJsonAsync("api/v1/admin/tenants", new { id = "Bad Id!", name = "", kind = "county", unit = "99" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "id", "name", "kind", "unit" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        using var missing = await admin.GetAsync("api/v1/admin/clients/nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_admin_API()
    {
        var document = await service.Http.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/admin/clients", out _));
        Assert.True(paths.TryGetProperty("/api/v1/admin/clients/{id}/secrets", out _));
    }

    private string Token(SigningCredentials credentials, string issuer, string audience, string type = "at+jwt")
    {
        var now = service.Time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = OperatorBootstrapper.AdminClient,
                ["client_id"] = OperatorBootstrapper.AdminClient,
                ["scope"] = "hub.admin",
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        });
    }

    private async Task<HttpStatusCode> CallWithAsync(string token)
    {
        using var client = service.WithToken(token);
        using var response = await client.GetAsync("api/v1/admin/tenants");
        return response.StatusCode;
    }
}

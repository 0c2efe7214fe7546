using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hub.Identity.Tests;

public sealed class TokenEndpointTests(IdentityService service) : IClassFixture<IdentityService>
{
    private string Issuer => service.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task A_province_client_gets_an_RFC_9068_token_that_validates_against_the_published_keys()
    {
        var (id, secret, _) = await service.CreateClientAsync("79", "province", "79", "79-sync", "hub.sync", "hub.scores.read");

        using var response = await service.RequestTokenAsync(id, secret, "hub.sync");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("hub.sync", body.GetProperty("scope").GetString());
        var token = body.GetProperty("access_token").GetString()!;
        var result = await Jwks.ValidateAsync(service.Http, token, Issuer, service.Time.GetUtcNow());
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = new JsonWebToken(token);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("ES256", jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal(Issuer, jwt.Issuer);
        Assert.Equal(["hub"], jwt.Audiences);
        Assert.Equal("79-sync", jwt.Subject);
        Assert.Equal("79-sync", jwt.GetPayloadValue<string>("client_id"));
        Assert.Equal("hub.sync", jwt.GetPayloadValue<string>("scope"));
        Assert.Equal("79", jwt.GetPayloadValue<string>("tenant"));
        Assert.Equal("79", jwt.GetPayloadValue<string>("unit"));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(TimeSpan.FromMinutes(10), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal(jwt.IssuedAt, jwt.ValidFrom);
    }

    [Fact]
    public async Task Client_secret_post_works_and_no_scope_means_every_allowed_scope()
    {
        var (id, secret, _) = await service.CreateClientAsync("01", "province", "01", "01-both", "hub.sync", "hub.scores.read");
        using var response = await service.Http.PostAsync("connect/token", Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = new JsonWebToken((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        Assert.Equal("hub.sync hub.scores.read", token.GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_client_and_no_credentials_are_invalid_client_with_a_challenge()
    {
        var (id, _, _) = await service.CreateClientAsync("48", "province", "48", "48-sync", "hub.sync");
        foreach (var request in new[]
        {
            Request(IdentityService.Basic(id, "not-the-secret"), ("grant_type", "client_credentials")),
            Request(IdentityService.Basic("nobody", "whatever"), ("grant_type", "client_credentials")),
            Request(null, ("grant_type", "client_credentials")),
            Request(null, ("grant_type", "client_credentials"), ("client_id", id)),
            Request(new AuthenticationHeaderValue("Basic", "%%%not-base64"), ("grant_type", "client_credentials")),
        })
        {
            using (request)
            {
                using var response = await service.Http.SendAsync(request);
                await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
            }
        }
    }

    [Fact]
    public async Task Malformed_requests_are_invalid_request()
    {
        var (id, secret, _) = await service.CreateClientAsync("31", "province", "31", "31-sync", "hub.sync");
        var basic = IdentityService.Basic(id, secret);

        using var noGrant = await service.Http.SendAsync(Request(basic, ("scope", "hub.sync")));
        await AssertErrorAsync(noGrant, HttpStatusCode.BadRequest, "invalid_request");

        using var json = new HttpRequestMessage(HttpMethod.Post, "connect/token") { Content = new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json") };
        json.Headers.Authorization = basic;
        using var notForm = await service.Http.SendAsync(json);
        await AssertErrorAsync(notForm, HttpStatusCode.BadRequest, "invalid_request");

        using var repeated = new HttpRequestMessage(HttpMethod.Post, "connect/token") { Content = new StringContent("grant_type=client_credentials&scope=hub.sync&scope=hub.sync", Encoding.UTF8, "application/x-www-form-urlencoded") };
        repeated.Headers.Authorization = basic;
        using var twice = await service.Http.SendAsync(repeated);
        await AssertErrorAsync(twice, HttpStatusCode.BadRequest, "invalid_request");

        using var bothMethods = await service.Http.SendAsync(Request(basic, ("grant_type", "client_credentials"), ("client_secret", secret)));
        await AssertErrorAsync(bothMethods, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Other_grant_types_are_unsupported_grant_type()
    {
        var (id, secret, _) = await service.CreateClientAsync("92", "province", "92", "92-sync", "hub.sync");
        using var response = await service.Http.SendAsync(Request(IdentityService.Basic(id, secret), ("grant_type", "password"), ("username", "a"), ("password", "b")));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task Scopes_beyond_the_allowed_ones_are_invalid_scope()
    {
        var (id, secret, _) = await service.CreateClientAsync("22", "province", "22", "22-sync", "hub.sync");
        using var admin = await service.RequestTokenAsync(id, secret, "hub.sync hub.admin");
        await AssertErrorAsync(admin, HttpStatusCode.BadRequest, "invalid_scope");
        using var unknown = await service.RequestTokenAsync(id, secret, "openid");
        await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Fact]
    public async Task Discovery_and_RFC_8414_metadata_point_at_the_token_endpoint_and_the_keys()
    {
        foreach (var path in new[] { ".well-known/openid-configuration", ".well-known/oauth-authorization-server" })
        {
            var metadata = await service.Http.GetFromJsonAsync<JsonElement>(path);
            Assert.Equal(Issuer, metadata.GetProperty("issuer").GetString());
            Assert.Equal($"{Issuer}/connect/token", metadata.GetProperty("token_endpoint").GetString());
            Assert.Equal($"{Issuer}/connect/revocation", metadata.GetProperty("revocation_endpoint").GetString());
            Assert.Equal($"{Issuer}/.well-known/jwks.json", metadata.GetProperty("jwks_uri").GetString());
            Assert.Equal(["client_credentials"], metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("client_secret_basic", metadata.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        }
        var keys = await Jwks.FetchAsync(service.Http);
        Assert.All(keys.Keys, k =>
        {
            Assert.Equal("EC", k.Kty);
            Assert.Equal("P-256", k.Crv);
            Assert.Null(k.D);
        });
    }

    internal static HttpRequestMessage Request(AuthenticationHeaderValue? authorization, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "connect/token") { Content = Form(fields) };
        request.Headers.Authorization = authorization;
        return request;
    }

    internal static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}

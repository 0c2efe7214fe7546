using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.ServiceDefaults.Security;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Hub.ServiceDefaults.Tests;

/// <summary>
/// Every service refuses what the hub must never accept, in the caller's own protocol: REST gets a
/// 401/403 problem, gRPC a trailers-only UNAUTHENTICATED (16) or PERMISSION_DENIED (7).
/// </summary>
public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.SecuredService>
{
    private const string RestPath = "/api/v1/whoami";
    private const string GrpcPath = "/hub.test.v1.Probe/Call";

    private readonly SecuredService _service;

    public AuthenticationTests(SecuredService service) => _service = service;

    private TestTokenIssuer Issuer => _service.Issuer;

    public static TheoryData<string> RefusedTokens() =>
    [
        "missing", "malformed", "alg-none", "hs256-with-public-key", "wrong-issuer", "wrong-audience",
        "expired", "not-yet-valid", "tampered-payload", "unknown-key", "not-an-access-token", "without-tenant",
    ];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_bad_token_is_refused_with_401_and_a_problem(string kind)
    {
        using var response = await _service.Client.SendAsync(Request(HttpMethod.Get, RestPath, BadToken(kind)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ExpectedText(kind), problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_bad_token_on_a_gRPC_call_is_UNAUTHENTICATED(string kind)
    {
        using var response = await _service.Client.SendAsync(Request(HttpMethod.Post, GrpcPath, BadToken(kind), grpc: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("16", Header(response, "grpc-status"));
        Assert.Equal(ExpectedText(kind), Uri.UnescapeDataString(Header(response, "grpc-message")));
    }

    [Fact]
    public async Task A_token_without_the_scope_is_forbidden()
    {
        var token = Issuer.Issue("79", "79", HubScopes.ScoresRead);

        using var rest = await _service.Client.SendAsync(Request(HttpMethod.Get, RestPath, token));
        using var grpc = await _service.Client.SendAsync(Request(HttpMethod.Post, GrpcPath, token, grpc: true));

        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
        Assert.Equal("application/problem+json", rest.Content.Headers.ContentType?.MediaType);
        Assert.Equal("7", Header(grpc, "grpc-status"));
    }

    [Fact]
    public async Task A_valid_token_reaches_the_endpoint_with_its_caller()
    {
        var token = Issuer.Issue("79", "79", HubScopes.Sync, HubScopes.ScoresRead);

        using var response = await _service.Client.SendAsync(Request(HttpMethod.Get, RestPath, token));

        response.EnsureSuccessStatusCode();
        var caller = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("client-79", caller.GetProperty("clientId").GetString());
        Assert.Equal("79", caller.GetProperty("tenant").GetString());
        Assert.Equal("79", caller.GetProperty("unit").GetString());
        Assert.Equal(["hub.scores.read", "hub.sync"], caller.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Order());
    }

    [Fact]
    public async Task Tokens_of_two_provinces_used_in_turn_each_reach_the_endpoint_as_their_own_caller()
    {
        var hanoi = Issuer.Issue("01", "01", HubScopes.Sync, HubScopes.ScoresRead);
        var hoChiMinhCity = Issuer.Issue("79", "79", HubScopes.Sync);
        (string Token, string Tenant, string[] Scopes)[] calls =
            [(hanoi, "01", ["hub.scores.read", "hub.sync"]), (hoChiMinhCity, "79", ["hub.sync"])];

        // The second round is answered from the tokens already validated.
        foreach (var (token, tenant, scopes) in calls.Concat(calls))
        {
            using var response = await _service.Client.SendAsync(Request(HttpMethod.Get, RestPath, token));
            response.EnsureSuccessStatusCode();
            var caller = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("client-" + tenant, caller.GetProperty("clientId").GetString());
            Assert.Equal(tenant, caller.GetProperty("unit").GetString());
            Assert.Equal(scopes, caller.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Order());
        }
    }

    [Fact]
    public async Task A_token_already_validated_is_refused_as_soon_as_its_client_is_disabled()
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        var token = Issuer.Issue(new TestToken("92", "92", [HubScopes.Sync]) { ClientId = clientId });
        using var first = await _service.Client.SendAsync(Request(HttpMethod.Get, RestPath, token));
        using var again = await _service.Client.SendAsync(Request(HttpMethod.Get, RestPath, token));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        _service.Services.GetRequiredService<RevocationList>().DisableClient(clientId, DateTimeOffset.UtcNow);

        using var refused = await _service.Client.SendAsync(Request(HttpMethod.Get, RestPath, token));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The access token or its client has been revoked.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_endpoints_need_no_token()
    {
        using var response = await _service.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private string? BadToken(string kind)
    {
        var valid = new TestToken("79", "79", [HubScopes.Sync]);
        return kind switch
        {
            "missing" => null,
            "malformed" => "not.a-token",
            "alg-none" => Unsigned(Issuer.Issue(valid)),
            "hs256-with-public-key" => Issuer.Sign(valid, new SigningCredentials(new SymmetricSecurityKey(Issuer.PublicKeyBytes), SecurityAlgorithms.HmacSha256)),
            "wrong-issuer" => Issuer.Issue(valid with { Issuer = "https://attacker.example" }),
            "wrong-audience" => Issuer.Issue(valid with { Audience = "another-api" }),
            "expired" => Issuer.Issue(valid with { NotBeforeOffset = TimeSpan.FromMinutes(-30), Lifetime = TimeSpan.FromMinutes(10) }),
            "not-yet-valid" => Issuer.Issue(valid with { NotBeforeOffset = TimeSpan.FromMinutes(30) }),
            "tampered-payload" => Tampered(Issuer.Issue(valid)),
            "unknown-key" => StrangerSigned(valid),
            "not-an-access-token" => Issuer.Issue(valid with { Type = "JWT" }),
            "without-tenant" => Issuer.Issue(valid with { WithoutTenant = true }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static string ExpectedText(string kind) => kind switch
    {
        "missing" => "An access token is required: send it as 'Authorization: Bearer <token>'.",
        "wrong-issuer" => "The access token was issued by an unknown issuer.",
        "wrong-audience" => "The access token was issued for another audience.",
        "expired" => "The access token has expired; request a new one.",
        "not-yet-valid" => "The access token is not valid yet.",
        "not-an-access-token" => "The token is not an access token (expected typ 'at+jwt').",
        // No ES256 key can check an HMAC: the verifier finds no key for it, whatever its kid says.
        "hs256-with-public-key" or "unknown-key" => "The access token is signed with an unknown key.",
        "tampered-payload" or "alg-none" => "The access token's signature is not valid.",
        _ => "The access token is not valid.",
    };

    /// <summary>The same header and claims with <c>alg: none</c> and no signature.</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
        return $"{header}.{parts[1]}.";
    }

    /// <summary>A province edits its own token to act for another province, keeping the signature.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var claims = Base64UrlEncoder.Decode(parts[1]).Replace("\"tenant\":\"79\"", "\"tenant\":\"01\"", StringComparison.Ordinal);
        Assert.Contains("\"01\"", claims, StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";
    }

    private string StrangerSigned(TestToken token)
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new ECDsaSecurityKey(stranger) { KeyId = "stranger" };
        return Issuer.Sign(token, new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256));
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, bool grpc = false)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (grpc)
        {
            request.Content = new ByteArrayContent([0, 0, 0, 0, 0]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.TrailingHeaders.TryGetValues(name, out values) ? values.Single()
        : throw new Xunit.Sdk.XunitException($"no {name} header");

    /// <summary>A service with the defaults and authentication, one REST and one gRPC-shaped endpoint.</summary>
    public sealed class SecuredService : IAsyncLifetime
    {
        private TestService? _service;

        public IServiceProvider Services => _service!.Services;

        public TestTokenIssuer Issuer { get; } = new();

        public HttpClient Client => _service!.Client;

        public async Task InitializeAsync() => _service = await TestService.StartAsync(
            new Dictionary<string, string?>(Issuer.ServiceSettings),
            app =>
            {
                app.MapGet(RestPath, (HttpContext http) => Describe(http.GetCaller())).RequireAuthorization(HubScopes.Sync);
                app.MapPost(GrpcPath, () => Results.Ok()).RequireAuthorization(HubScopes.Sync);
            });

        public async Task DisposeAsync()
        {
            await _service!.DisposeAsync();
            Issuer.Dispose();
        }

        private static object Describe(CallerContext caller) =>
            new { caller.ClientId, caller.Tenant, caller.Unit, Scopes = caller.Scopes.Order().ToArray() };
    }
}

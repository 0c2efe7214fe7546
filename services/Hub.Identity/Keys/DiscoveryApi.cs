using System.Text.Json.Serialization;
using Hub.Identity.Clients;
using Hub.Identity.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Keys;

/// <summary>OpenID Connect discovery, RFC 8414 metadata and the JWKS (RFC 7517): what lets any standard validator trust the tokens.</summary>
public static class DiscoveryApi
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-configuration", Metadata).WithName("OpenIdConfiguration").WithTags("discovery");
        app.MapGet("/.well-known/oauth-authorization-server", Metadata).WithName("AuthorizationServerMetadata").WithTags("discovery");
        app.MapGet(JwksPath, JwksAsync).WithName("Jwks").WithTags("discovery");
        return app;
    }

    private static Ok<ServerMetadata> Metadata(IOptions<IdentityOptions> options)
    {
        var issuer = options.Value.Issuer.TrimEnd('/');
        string[] authMethods = ["client_secret_basic", "client_secret_post"];
        return TypedResults.Ok(new ServerMetadata(
            options.Value.Issuer,
            issuer + TokenApi.TokenPath,
            issuer + JwksPath,
            issuer + TokenApi.RevocationPath,
            ["client_credentials"],
            authMethods,
            authMethods,
            [.. HubScopes.All],
            ["token"],
            ["public"],
            ["ES256"]));
    }

    private static async Task<Ok<JsonWebKeySet>> JwksAsync(SigningKeyRing keys, HttpResponse response, CancellationToken cancellationToken)
    {
        var set = await keys.GetAsync(cancellationToken);
        // Short enough that validators see a new key well within the publish lead.
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new JsonWebKeySet(set.Published.Select(k => new PublicJsonWebKey("EC", "sig", "ES256", k.Id, "P-256", k.X, k.Y)).ToList()));
    }
}

public sealed record ServerMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenAuthMethods,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] IReadOnlyList<string> RevocationAuthMethods,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypes,
    [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypes,
    // Required by OpenID Connect discovery; the service issues no ID tokens, ES256 is what it signs with.
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> IdTokenAlgorithms);

public sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys);

public sealed record PublicJsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y);

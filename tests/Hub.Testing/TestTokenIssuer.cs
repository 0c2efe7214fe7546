using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Testing;

/// <summary>
/// Issues RFC 9068 access tokens with the hub's claims, signed ES256 with a key of its own, so a
/// service under test can be given the issuer's JWKS in configuration and validate real tokens.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    private readonly ECDsa _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsaSecurityKey _key;

    public TestTokenIssuer(string issuer = "https://identity.hub.test")
    {
        Issuer = issuer;
        _key = new ECDsaSecurityKey(_ecdsa) { KeyId = $"test-{Guid.NewGuid():N}"[..16] };
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(_key);
        JwksJson = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "EC", crv = "P-256", x = jwk.X, y = jwk.Y, kid = _key.KeyId, use = "sig", alg = "ES256" } },
        });
    }

    public string Issuer { get; }

    /// <summary>The public key set, as a service would fetch it from the issuer.</summary>
    public string JwksJson { get; }

    /// <summary>The settings that make a service trust this issuer.</summary>
    public IReadOnlyDictionary<string, string?> ServiceSettings => new Dictionary<string, string?>
    {
        ["Hub:Auth:Issuer"] = Issuer,
        ["Hub:Auth:Jwks"] = JwksJson,
    };

    /// <summary>The public key in the form a verifier holds it, for key-confusion tests.</summary>
    public byte[] PublicKeyBytes => _ecdsa.ExportSubjectPublicKeyInfo();

    public string Issue(string tenant, string unit, params string[] scopes) => Issue(new TestToken(tenant, unit, scopes));

    public string Issue(TestToken token) => Sign(token, new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256));

    /// <summary>Signs with other credentials: a stranger's key, a symmetric key, …</summary>
    public string Sign(TestToken token, SigningCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = DateTime.UtcNow + token.NotBeforeOffset;
        var claims = new Dictionary<string, object>
        {
            ["client_id"] = token.ClientId,
            ["sub"] = token.ClientId,
            ["scope"] = string.Join(' ', token.Scopes),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (!token.WithoutTenant)
        {
            claims["tenant"] = token.Tenant;
            claims["unit"] = token.Unit;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = token.Issuer ?? Issuer,
            Audience = token.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + token.Lifetime,
            Claims = claims,
            TokenType = token.Type,
            SigningCredentials = credentials,
        });
    }

    public void Dispose() => _ecdsa.Dispose();
}

using System.Buffers.Text;
using System.Security.Cryptography;
using Hub.Identity.Clients;
using Hub.Identity.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Tokens;

/// <summary>
/// Issues RFC 9068 JWT access tokens. The claim set (iss, aud, sub, client_id, scope, tenant, unit,
/// jti, iat, nbf, exp) is a contract the other services and the gateway rely on.
/// </summary>
public sealed class AccessTokenIssuer(SigningKeyRing keys, TimeProvider time, IOptions<IdentityOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<TokenResponse> IssueAsync(AuthenticatedClient client, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var keySet = await keys.GetAsync(cancellationToken);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var scope = HubScopes.Format(scopes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + settings.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = keySet.Signing,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = client.ClientId,
                ["client_id"] = client.ClientId,
                ["scope"] = scope,
                ["tenant"] = client.TenantId,
                ["unit"] = client.UnitCode,
                ["jti"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            },
        });
        return new TokenResponse(token, "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, scope);
    }
}

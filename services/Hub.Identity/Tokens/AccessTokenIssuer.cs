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
        var now = await IssuedAtAsync(client, cancellationToken);
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

    /// <summary>
    /// The token is dated when the client's record was read, not when it is signed: a scope removed
    /// in between then cuts it too (the cut compares <c>iat</c>). When the record read already has a
    /// cut in the future (a scope or a secret was removed within the last second), the token waits for the cut
    /// and is dated at it: what it was read with is the changed client, and it must not be refused.
    /// </summary>
    private async Task<DateTimeOffset> IssuedAtAsync(AuthenticatedClient client, CancellationToken cancellationToken)
    {
        if (client.TokensNotBefore is not { } cut || cut <= client.ReadAt)
        {
            return client.ReadAt;
        }
        var wait = cut - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        return cut;
    }
}

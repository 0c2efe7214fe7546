using Hub.Identity.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Identity.Tokens;

/// <summary>Checks that a token presented for revocation is one of ours (signature, issuer, audience, type).</summary>
public sealed class AccessTokenReader(SigningKeyRing keys, IOptions<IdentityOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<JsonWebToken?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        await keys.GetAsync(cancellationToken);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = options.Value.Audience,
            ValidTypes = ["at+jwt"],
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.ValidationKeys(kid),
            // An expired token needs no revoking; the caller compares exp with the clock itself.
            ValidateLifetime = false,
        });
        return result.IsValid ? (JsonWebToken)result.SecurityToken : null;
    }
}

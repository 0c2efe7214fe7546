using Microsoft.IdentityModel.Tokens;

namespace Hub.ServiceDefaults.Security;

/// <summary>The checks every hub service applies to an access token.</summary>
internal static class TokenValidation
{
    // Asymmetric algorithms only: a token "signed" with HS256 using the public key as the secret,
    // or with alg "none", is refused before any key is tried.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256,
    ];

    public static TokenValidationParameters Parameters(HubAuthOptions options) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        ValidTypes = [HubClaims.AccessTokenType],
        ValidAlgorithms = Algorithms,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = options.ClockSkew,
        NameClaimType = HubClaims.ClientId,
    };
}

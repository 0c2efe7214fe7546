using Microsoft.IdentityModel.Tokens;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// Says in plain words why a token was refused. The library's own messages carry error codes and
/// redacted values that help nobody at a provincial help desk.
/// </summary>
internal static class TokenFailureText
{
    public const string Missing = "An access token is required: send it as 'Authorization: Bearer <token>'.";

    public static string Describe(Exception? failure) => failure switch
    {
        null => Missing,
        SecurityTokenExpiredException => "The access token has expired; request a new one.",
        SecurityTokenNotYetValidException => "The access token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The access token was issued for another audience.",
        SecurityTokenInvalidIssuerException => "The access token was issued by an unknown issuer.",
        SecurityTokenInvalidTypeException => "The token is not an access token (expected typ 'at+jwt').",
        SecurityTokenInvalidAlgorithmException => "The access token is signed with an algorithm the hub does not accept.",
        SecurityTokenSignatureKeyNotFoundException => "The access token is signed with an unknown key.",
        SecurityTokenInvalidSignatureException => "The access token's signature is not valid.",
        RevokedTokenException => "The access token or its client has been revoked.",
        _ => "The access token is not valid.",
    };
}

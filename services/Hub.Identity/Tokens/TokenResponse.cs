using System.Text.Json.Serialization;

namespace Hub.Identity.Tokens;

/// <summary>The successful response of RFC 6749 §5.1.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

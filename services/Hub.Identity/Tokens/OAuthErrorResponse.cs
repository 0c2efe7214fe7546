using System.Text.Json.Serialization;

namespace Hub.Identity.Tokens;

/// <summary>The error body of RFC 6749 §5.2.</summary>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);

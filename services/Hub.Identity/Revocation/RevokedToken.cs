namespace Hub.Identity.Revocation;

/// <summary>An access token revoked before its expiry (RFC 7009); kept until it would have expired.</summary>
public sealed class RevokedToken
{
    public required string Jti { get; init; }
    public required string ClientId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset RevokedAt { get; init; }
}

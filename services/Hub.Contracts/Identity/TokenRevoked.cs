using MassTransit;

namespace Hub.Contracts.Identity;

/// <summary>
/// One access token (claim <c>jti</c>) was revoked (RFC 7009). A gateway may forget the entry after
/// <paramref name="ExpiresAt"/>, when the token is refused anyway.
/// </summary>
// MassTransit adds the "urn:message:" prefix itself (and refuses a value that repeats it).
[MessageUrn("hub:token-revoked:v1")]
public sealed record TokenRevoked(string Jti, string ClientId, DateTimeOffset ExpiresAt, DateTimeOffset RevokedAt);

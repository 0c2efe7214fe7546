using MassTransit;

namespace Hub.Contracts.Identity;

/// <summary>
/// One secret of a client was revoked. Access tokens do not say which secret obtained them, so a
/// gateway refuses every token of <paramref name="ClientId"/> issued at or before
/// <paramref name="RevokedAt"/> (claim <c>iat</c>); the client's other secrets keep working.
/// </summary>
// MassTransit adds the "urn:message:" prefix itself (and refuses a value that repeats it).
[MessageUrn("hub:client-secret-revoked:v1")]
public sealed record ClientSecretRevoked(string ClientId, string TenantId, Guid SecretId, DateTimeOffset RevokedAt);

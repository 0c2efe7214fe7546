using MassTransit;

namespace Hub.Contracts.Identity;

/// <summary>
/// One secret of a client was revoked. Access tokens do not say which secret obtained them, so a
/// gateway refuses every token of <paramref name="ClientId"/> whose <c>iat</c> is earlier than
/// <paramref name="RevokedAt"/> (whole seconds, like <c>iat</c>); the client fetches a new token
/// with one of its other secrets, which keep working.
/// </summary>
// MassTransit adds the "urn:message:" prefix itself (and refuses a value that repeats it).
[MessageUrn("hub:client-secret-revoked:v1")]
public sealed record ClientSecretRevoked(string ClientId, string TenantId, Guid SecretId, DateTimeOffset RevokedAt);

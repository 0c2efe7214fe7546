using MassTransit;

namespace Hub.Contracts.Identity;

/// <summary>
/// One secret of a client was revoked. Access tokens do not say which secret obtained them, so a
/// gateway refuses every token of <paramref name="ClientId"/> whose <c>iat</c> is earlier than
/// <paramref name="TokensValidFrom"/> (the whole second after the revocation, so that a token
/// obtained with the secret within the same second is refused too; messages without it name
/// <paramref name="RevokedAt"/>, whole seconds); the client fetches a new token with one of its
/// other secrets, which keep working.
/// </summary>
// MassTransit adds the "urn:message:" prefix itself (and refuses a value that repeats it).
[MessageUrn("hub:client-secret-revoked:v1")]
public sealed record ClientSecretRevoked(string ClientId, string TenantId, Guid SecretId, DateTimeOffset RevokedAt, DateTimeOffset? TokensValidFrom = null);

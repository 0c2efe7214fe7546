using MassTransit;

namespace Hub.Contracts.Identity;

/// <summary>
/// A client lost one or more scopes. Its tokens issued (<c>iat</c>) before <paramref name="TokensValidFrom"/>
/// may still carry them, so they are refused from now on; the client fetches a new token.
/// </summary>
// MassTransit adds the "urn:message:" prefix itself (and refuses a value that repeats it).
[MessageUrn("hub:client-scopes-narrowed:v1")]
public sealed record ClientScopesNarrowed(string ClientId, string TenantId, IReadOnlyList<string> Removed, DateTimeOffset TokensValidFrom);

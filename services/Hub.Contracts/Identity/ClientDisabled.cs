using MassTransit;

namespace Hub.Contracts.Identity;

/// <summary>
/// A client may no longer obtain tokens, and every token it holds must be refused from now on
/// (a gateway denies tokens whose <c>client_id</c> is <paramref name="ClientId"/> until <see cref="ClientEnabled"/>).
/// </summary>
// MassTransit adds the "urn:message:" prefix itself (and refuses a value that repeats it).
[MessageUrn("hub:client-disabled:v1")]
public sealed record ClientDisabled(string ClientId, string TenantId, DateTimeOffset DisabledAt);

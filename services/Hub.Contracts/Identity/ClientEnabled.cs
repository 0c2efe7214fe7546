using MassTransit;

namespace Hub.Contracts.Identity;

/// <summary>A disabled client was enabled again; tokens issued from <paramref name="EnabledAt"/> on are valid.</summary>
// MassTransit adds the "urn:message:" prefix itself (and refuses a value that repeats it).
[MessageUrn("hub:client-enabled:v1")]
public sealed record ClientEnabled(string ClientId, string TenantId, DateTimeOffset EnabledAt);

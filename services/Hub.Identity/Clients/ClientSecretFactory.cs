using Microsoft.Extensions.Options;

namespace Hub.Identity.Clients;

/// <summary>Makes a new secret for a client: the value to show once, and the hashed record to keep.</summary>
public sealed class ClientSecretFactory(TimeProvider time, IOptions<IdentityOptions> options)
{
    public const int MaxLifetimeDays = 3650;

    public (ClientSecret Record, NewSecretResponse Shown) Create(string clientId, int? lifetimeDays) =>
        Create(clientId, SecretHasher.NewSecret(), lifetimeDays);

    /// <summary>The record of a secret chosen elsewhere (a deployment's configuration), with the default lifetime.</summary>
    public ClientSecret Record(string clientId, string value) => Create(clientId, value, null).Record;

    private (ClientSecret Record, NewSecretResponse Shown) Create(string clientId, string value, int? lifetimeDays)
    {
        var now = time.GetUtcNow();
        var (salt, hash) = SecretHasher.Hash(value);
        var lifetime = lifetimeDays is { } days ? TimeSpan.FromDays(days) : options.Value.SecretLifetime;
        var record = new ClientSecret
        {
            Id = Guid.CreateVersion7(now),
            ClientId = clientId,
            Salt = salt,
            Hash = hash,
            Prefix = value[..SecretHasher.PrefixLength],
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (record, new NewSecretResponse(clientId, record.Id, value, record.ExpiresAt));
    }
}

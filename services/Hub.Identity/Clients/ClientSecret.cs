namespace Hub.Identity.Clients;

/// <summary>
/// One secret of a client, kept only as a salted hash (see <see cref="SecretHasher"/>). Several
/// may be valid at once, which is how a secret is rotated without downtime.
/// </summary>
public sealed class ClientSecret
{
    public Guid Id { get; init; }
    public required string ClientId { get; init; }
    public required string Salt { get; init; }
    public required string Hash { get; init; }

    /// <summary>The first characters of the secret, so an operator can tell which one a system uses.</summary>
    public required string Prefix { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

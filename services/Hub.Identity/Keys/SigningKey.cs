namespace Hub.Identity.Keys;

/// <summary>
/// An ES256 signing key. It is published in the JWKS from <see cref="CreatedAt"/> to
/// <see cref="PublishedUntil"/>, and signs from <see cref="SignsFrom"/> to <see cref="SignsUntil"/>;
/// publication starts before signing and ends after the last token it signed has expired.
/// </summary>
public sealed class SigningKey
{
    public required string Id { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset SignsFrom { get; init; }
    public DateTimeOffset SignsUntil { get; init; }
    public DateTimeOffset PublishedUntil { get; init; }

    /// <summary>The PKCS#8 private key, protected with ASP.NET Core Data Protection.</summary>
    public required string ProtectedPrivateKey { get; init; }

    /// <summary>The public point, base64url, so the JWKS never needs the private key.</summary>
    public required string X { get; init; }
    public required string Y { get; init; }
}

using Microsoft.IdentityModel.Tokens;

namespace Hub.Identity.Keys;

/// <summary>The keys at one moment: the one that signs now, and every one published in the JWKS.</summary>
public sealed record KeySet(SigningCredentials Signing, IReadOnlyList<PublishedKey> Published, DateTimeOffset RefreshAt);

/// <summary>A key as the JWKS shows it, with the public key that validates its signatures.</summary>
public sealed record PublishedKey(string Id, string X, string Y, SecurityKey PublicKey);

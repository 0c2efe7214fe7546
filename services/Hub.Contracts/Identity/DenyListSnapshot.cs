namespace Hub.Contracts.Identity;

/// <summary>
/// Everything to refuse right now, served by identity (<c>GET /api/v1/revocations</c>) for a gateway
/// or service that starts up; afterwards the ClientDisabled, ClientEnabled, ClientSecretRevoked,
/// ClientScopesNarrowed and TokenRevoked events keep it current.
/// </summary>
/// <param name="GeneratedAt">The moment the snapshot describes.</param>
/// <param name="Tokens">Revoked tokens that have not expired yet.</param>
/// <param name="DisabledClients">Refuse every token whose <c>client_id</c> is one of these.</param>
/// <param name="ClientsNotBefore">Refuse a client's tokens issued (<c>iat</c>) before the time given
/// (one of its secrets was revoked, or it lost a scope).</param>
public sealed record DenyListSnapshot(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<DeniedToken> Tokens,
    IReadOnlyList<string> DisabledClients,
    IReadOnlyList<ClientTokensNotBefore> ClientsNotBefore);

public sealed record DeniedToken(string Jti, string ClientId, DateTimeOffset ExpiresAt);

public sealed record ClientTokensNotBefore(string ClientId, DateTimeOffset NotBefore);

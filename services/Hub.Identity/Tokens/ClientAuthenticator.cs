using Hub.Identity.Clients;
using Npgsql;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Tokens;

/// <summary>
/// Checks a client's secret against its active (unrevoked, unexpired) secrets. This is the token
/// endpoint's only database read, so it is one hand-written, prepared query on the pooled data
/// source rather than an EF Core query (measured: EF's per-request context and materialisation
/// were most of a token's cost). It reads the database every time, never a cache, so a disabled
/// client or a revoked secret is refused at once on every replica.
/// </summary>
public sealed class ClientAuthenticator(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Query = """
        SELECT c.tenant_id, c.scopes, c.enabled, t.unit_code, s.salt, s.hash, c.tokens_not_before
        FROM clients c
        JOIN tenants t ON t.id = c.tenant_id
        LEFT JOIN client_secrets s ON s.client_id = c.id AND s.revoked_at IS NULL AND s.expires_at > $2
        WHERE c.id = $1
        """;

    // Checked when the client does not exist, so an unknown id costs the same as a wrong secret.
    private static readonly (string Salt, string Hash) Decoy = SecretHasher.Hash(SecretHasher.NewSecret());

    /// <summary>The client, or null when the id is unknown or no active secret matches.</summary>
    public async Task<AuthenticatedClient?> AuthenticateAsync(ClientCredentials credentials, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = credentials.ClientId });
        var readAt = time.GetUtcNow();
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = readAt });
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        AuthenticatedClient? client = null;
        var matched = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            client ??= new AuthenticatedClient(
                credentials.ClientId, reader.GetString(0), reader.GetString(3), HubScopes.Parse(reader.GetString(1)), reader.GetBoolean(2),
                readAt, reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
            if (!reader.IsDBNull(4))
            {
                // No early exit: the time taken does not tell which secret matched.
                matched |= SecretHasher.Verify(credentials.Secret, reader.GetString(4), reader.GetString(5));
            }
        }
        if (client is null)
        {
            SecretHasher.Verify(credentials.Secret, Decoy.Salt, Decoy.Hash);
        }
        return matched ? client : null;
    }
}

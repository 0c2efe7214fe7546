using System.Collections.Concurrent;
using Hub.Contracts.Identity;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// Tokens refused before they expire: revoked tokens, every token of a disabled client, and a
/// client's tokens issued before one of its secrets was revoked or it lost a scope. Fed by identity's events, so a
/// revocation bites within the time the broker takes to deliver them, not at token expiry.
/// </summary>
public sealed class RevocationList(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _disabledClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _clientsNotBefore = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _enabledAt = new(StringComparer.Ordinal);
    private readonly Lock _loading = new();

    public void RevokeToken(string jti, DateTimeOffset expiresAt)
    {
        if (expiresAt > time.GetUtcNow())
        {
            _tokens[jti] = expiresAt;
        }
    }

    public void DisableClient(string clientId, DateTimeOffset at) =>
        _disabledClients.AddOrUpdate(clientId, at, (_, known) => at > known ? at : known);

    /// <summary>Re-enabling wins only over a disabling that happened before it, whatever the delivery order.</summary>
    public void EnableClient(string clientId, DateTimeOffset at)
    {
        _enabledAt.AddOrUpdate(clientId, at, (_, known) => at > known ? at : known);
        if (_disabledClients.TryGetValue(clientId, out var disabledAt) && disabledAt <= at)
        {
            _disabledClients.TryRemove(new KeyValuePair<string, DateTimeOffset>(clientId, disabledAt));
        }
    }

    public void RefuseTokensIssuedBefore(string clientId, DateTimeOffset notBefore) =>
        _clientsNotBefore.AddOrUpdate(clientId, notBefore, (_, known) => notBefore > known ? notBefore : known);

    /// <summary>
    /// Takes in identity's snapshot. Events may have arrived before it, so what happened after the
    /// snapshot was taken wins: a client enabled since stays enabled, one disabled since stays disabled.
    /// </summary>
    public void Load(DenyListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_loading)
        {
            foreach (var token in snapshot.Tokens)
            {
                RevokeToken(token.Jti, token.ExpiresAt);
            }

            var disabled = snapshot.DisabledClients.ToHashSet(StringComparer.Ordinal);
            foreach (var (clientId, disabledAt) in _disabledClients)
            {
                if (disabledAt <= snapshot.GeneratedAt && !disabled.Contains(clientId))
                {
                    _disabledClients.TryRemove(new KeyValuePair<string, DateTimeOffset>(clientId, disabledAt));
                }
            }
            foreach (var clientId in disabled)
            {
                if (!(_enabledAt.TryGetValue(clientId, out var enabledAt) && enabledAt > snapshot.GeneratedAt))
                {
                    DisableClient(clientId, snapshot.GeneratedAt);
                }
            }

            foreach (var client in snapshot.ClientsNotBefore)
            {
                RefuseTokensIssuedBefore(client.ClientId, client.NotBefore);
            }
        }
    }

    public bool IsRevoked(string clientId, string? jti, DateTimeOffset issuedAt)
    {
        if (jti is not null && _tokens.TryGetValue(jti, out var expiresAt))
        {
            if (expiresAt > time.GetUtcNow())
            {
                return true;
            }
            _tokens.TryRemove(jti, out _);
        }
        return _disabledClients.ContainsKey(clientId)
            || (_clientsNotBefore.TryGetValue(clientId, out var notBefore) && issuedAt < notBefore);
    }
}

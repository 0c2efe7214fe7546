using Hub.Contracts.Identity;
using Hub.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Identity.Revocation;

/// <summary>
/// What is refused before expiry: revoked tokens, every token of a disabled client, and tokens a
/// client obtained before one of its secrets was revoked. The identity service applies it to its
/// own admin API; the gateway gets the same facts from the events and <see cref="DenyListApi"/>.
/// </summary>
public sealed class DenyList(IdentityContext db, TimeProvider time, IOptions<IdentityOptions> options)
{
    public async Task<bool> IsDeniedAsync(string? jti, string? clientId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        if (jti is not null && await db.RevokedTokens.AnyAsync(t => t.Jti == jti, cancellationToken))
        {
            return true;
        }
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new { c.Enabled, c.TokensNotBefore, LastRevoked = c.Secrets.Max(s => s.RevokedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return client is null || !client.Enabled
            || (client.LastRevoked is { } revoked && issuedAt < TokensValidFrom(revoked))
            || (client.TokensNotBefore is { } notBefore && issuedAt < notBefore);
    }

    public async Task<DenyListSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A token older than this has expired anyway, so older secret revocations no longer matter.
        var horizon = now - options.Value.AccessTokenLifetime - options.Value.ClockSkew;
        var tokens = await db.RevokedTokens.AsNoTracking().Where(t => t.ExpiresAt > now)
            .OrderBy(t => t.RevokedAt).Select(t => new DeniedToken(t.Jti, t.ClientId, t.ExpiresAt)).ToListAsync(cancellationToken);
        var disabled = await db.Clients.AsNoTracking().Where(c => !c.Enabled).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var revocations = await db.ClientSecrets.AsNoTracking().Where(s => s.RevokedAt > horizon)
            .GroupBy(s => s.ClientId).Select(g => new { ClientId = g.Key, RevokedAt = g.Max(s => s.RevokedAt)!.Value })
            .ToListAsync(cancellationToken);
        var narrowed = await db.Clients.AsNoTracking().Where(c => c.TokensNotBefore > horizon)
            .Select(c => new { ClientId = c.Id, NotBefore = c.TokensNotBefore!.Value }).ToListAsync(cancellationToken);
        var notBefore = revocations.Select(r => new ClientTokensNotBefore(r.ClientId, TokensValidFrom(r.RevokedAt)))
            .Concat(narrowed.Select(n => new ClientTokensNotBefore(n.ClientId, n.NotBefore)))
            .GroupBy(c => c.ClientId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(c => c.NotBefore)!)
            .OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
        return new DenyListSnapshot(now, tokens, disabled, notBefore);
    }

    /// <summary>
    /// The second of a secret's revocation, as stored with it. The client's tokens are cut from the
    /// next second (<see cref="CutAfter"/>, kept on the client), which this check of older rows
    /// only backs up.
    /// </summary>
    public static DateTimeOffset TokensValidFrom(DateTimeOffset revokedAt) =>
        DateTimeOffset.FromUnixTimeSeconds(revokedAt.ToUnixTimeSeconds());

    /// <summary>
    /// Where a client's tokens are cut when it loses a scope or a secret: <c>iat</c> has whole seconds,
    /// and a token issued earlier in the same second may carry the scope or come from the secret, so
    /// the cut is the next whole second. The token endpoint issues no token dated before the cut (it
    /// waits for it), so the client's next token is never refused by it.
    /// </summary>
    public static DateTimeOffset CutAfter(DateTimeOffset changedAt) =>
        DateTimeOffset.FromUnixTimeSeconds(changedAt.ToUnixTimeSeconds() + 1);
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// How long the token behind a long-lived call (a stream) still allows it: until the token
/// expires, or until identity revokes the token or disables its client. A short call is checked
/// when it arrives; a stream asks its lease between messages and ends when it has lapsed, so the
/// client reconnects with a fresh token, as every short call would have to.
/// </summary>
public sealed class TokenLease
{
    private readonly RevocationList _revocations;
    private readonly string _clientId;
    private readonly string? _tokenId;
    private readonly DateTimeOffset _issuedAt;

    private TokenLease(RevocationList revocations, string clientId, string? tokenId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        _revocations = revocations;
        _clientId = clientId;
        _tokenId = tokenId;
        _issuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// The time left before the token expires (zero once it has), on the clock token validation
    /// uses: a service's own TimeProvider may be set to its business time.
    /// </summary>
    public TimeSpan Remaining => ExpiresAt - DateTimeOffset.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    public bool HasLapsed => Remaining == TimeSpan.Zero || _revocations.IsRevoked(_clientId, _tokenId, _issuedAt);

    /// <summary>The lease of the request's validated token; only on endpoints that require an authenticated caller.</summary>
    public static TokenLease For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var caller = CallerContext.From(user) ?? throw new InvalidOperationException("The endpoint does not require an authenticated caller.");
        return new TokenLease(
            context.RequestServices.GetRequiredService<RevocationList>(),
            caller.ClientId,
            user.FindFirstValue(HubClaims.TokenId),
            Seconds(user, "iat") ?? DateTimeOffset.MinValue,
            // Every hub token carries exp (validation requires it); without one the stream gets no time.
            Seconds(user, "exp") ?? DateTimeOffset.MinValue);
    }

    private static DateTimeOffset? Seconds(ClaimsPrincipal user, string claim) =>
        long.TryParse(user.FindFirstValue(claim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}

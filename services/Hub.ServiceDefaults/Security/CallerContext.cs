using System.Security.Claims;

namespace Hub.ServiceDefaults.Security;

/// <summary>Who is calling, read from a validated access token.</summary>
/// <param name="ClientId">The client the token was issued to.</param>
/// <param name="Tenant">The organisation that owns the client (a province, a ministry, the operator).</param>
/// <param name="Unit">The root of the administrative subtree the tenant may act for.</param>
/// <param name="Scopes">What the token allows.</param>
public sealed record CallerContext(string ClientId, string Tenant, string Unit, IReadOnlySet<string> Scopes)
{
    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>
    /// The caller of an authenticated request, or null when the token lacks a claim every hub token
    /// carries: such a token is refused rather than trusted with defaults.
    /// </summary>
    public static CallerContext? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal is HubPrincipal validated)
        {
            return validated.Caller;
        }
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var clientId = principal.FindFirstValue(HubClaims.ClientId);
        var tenant = principal.FindFirstValue(HubClaims.Tenant);
        var unit = principal.FindFirstValue(HubClaims.Unit);
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(unit))
        {
            return null;
        }

        var scopes = principal.FindAll(HubClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new CallerContext(clientId, tenant, unit, scopes);
    }
}

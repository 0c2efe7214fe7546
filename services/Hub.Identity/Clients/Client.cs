using Hub.ServiceDefaults.Security;
namespace Hub.Identity.Clients;

/// <summary>A machine client of a tenant: what it may ask for, whether it may, and its secrets.</summary>
public sealed class Client
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string Name { get; set; }

    /// <summary>Allowed scopes, space-separated as on the wire.</summary>
    public required string Scopes { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Tokens issued (<c>iat</c>) before this moment are refused: set when the client loses a scope,
    /// since its older tokens may still carry it.
    /// </summary>
    public DateTimeOffset? TokensNotBefore { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<ClientSecret> Secrets { get; } = [];

    public IReadOnlyList<string> AllowedScopes => HubScopes.Parse(Scopes);
}

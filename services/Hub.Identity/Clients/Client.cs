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
    public DateTimeOffset CreatedAt { get; init; }
    public List<ClientSecret> Secrets { get; } = [];

    public IReadOnlyList<string> AllowedScopes => HubScopes.Parse(Scopes);
}

namespace Hub.Identity.Clients;

public sealed record ClientResponse(string Id, string Tenant, string Name, IReadOnlyList<string> Scopes, bool Enabled, DateTimeOffset CreatedAt)
{
    public static ClientResponse From(Client client) =>
        new(client.Id, client.TenantId, client.Name, client.AllowedScopes, client.Enabled, client.CreatedAt);
}

/// <summary>A secret as listed: never its value, only the first characters to recognise it by.</summary>
public sealed record SecretResponse(Guid Id, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, bool Active)
{
    public static SecretResponse From(ClientSecret secret, DateTimeOffset now) =>
        new(secret.Id, secret.Prefix, secret.CreatedAt, secret.ExpiresAt, secret.RevokedAt, secret.IsActive(now));
}

/// <summary>A new secret with its value: the only time the value is ever shown.</summary>
public sealed record NewSecretResponse(string ClientId, Guid Id, string Secret, DateTimeOffset ExpiresAt);

public sealed record CreatedClientResponse(ClientResponse Client, NewSecretResponse Secret);

public sealed record CreateClientRequest(string? Tenant, string? Id, string? Name, IReadOnlyList<string>? Scopes, int? SecretLifetimeDays);

public sealed record UpdateScopesRequest(IReadOnlyList<string>? Scopes);

public sealed record CreateSecretRequest(int? LifetimeDays);

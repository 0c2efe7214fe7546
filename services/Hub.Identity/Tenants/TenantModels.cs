namespace Hub.Identity.Tenants;

public sealed record TenantResponse(string Id, string Name, string Kind, string Unit, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(Tenant tenant) => new(tenant.Id, tenant.Name, tenant.Kind, tenant.UnitCode, tenant.CreatedAt);
}

public sealed record CreateTenantRequest(string? Id, string? Name, string? Kind, string? Unit);

namespace Hub.Identity.Tenants;

/// <summary>An organisation that owns clients; its root unit bounds what its clients may touch.</summary>
public sealed class Tenant
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string UnitCode { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

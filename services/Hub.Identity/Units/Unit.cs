namespace Hub.Identity.Units;

/// <summary>A node of the administrative tree (đơn vị): its official code, parent and level.</summary>
public sealed class Unit
{
    public required string Code { get; init; }
    public string? ParentCode { get; set; }
    public required string Level { get; set; }
    public required string Name { get; set; }
}

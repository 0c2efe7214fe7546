namespace Hub.Identity.Units;

public sealed record UnitResponse(string Code, string? Parent, string Level, string Name)
{
    public static UnitResponse From(Unit unit) => new(unit.Code, unit.ParentCode, unit.Level, unit.Name);
}

public sealed record CreateUnitRequest(string? Code, string? Parent, string? Level, string? Name);

public sealed record UpdateUnitRequest(string? Parent, string? Level, string? Name);

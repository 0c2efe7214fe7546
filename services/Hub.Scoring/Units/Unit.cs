namespace Hub.Scoring.Units;

public sealed record Unit(string Code, string? Parent, string Level, string Name);

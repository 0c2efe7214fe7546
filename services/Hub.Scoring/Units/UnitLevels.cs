namespace Hub.Scoring.Units;

/// <summary>The levels of the administrative tree, as written in the unit file and in rule sets.</summary>
public static class UnitLevels
{
    public const string National = "national";
    public const string Ministry = "ministry";
    public const string Province = "province";
    public const string Department = "department";
    public const string Commune = "commune";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        National, Ministry, Province, Department, Commune,
    };
}

using Hub.ServiceDefaults.Security;

namespace Hub.Scoring.Units;

/// <summary>
/// Which units' scores a caller may read: the operator (the national root) and ministries read
/// everything; any other unit, a province first of all, reads its own subtree. A caller whose unit
/// is not in the tree reads nothing.
/// </summary>
public sealed class CallerScope
{
    private readonly UnitDirectory _units;

    private CallerScope(UnitDirectory units, string? root)
    {
        _units = units;
        Root = root;
    }

    /// <summary>The root of the subtree the caller may read, or null for everything.</summary>
    public string? Root { get; }

    /// <summary>The caller's scope as it goes into an ETag: responses differ by it.</summary>
    public string Key => Root is null ? "*" : "subtree:" + Root;

    public static CallerScope For(CallerContext caller, UnitDirectory units)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(units);
        var level = units.Find(caller.Unit)?.Level;
        var seesAll = level is UnitLevels.National or UnitLevels.Ministry;
        return new CallerScope(units, seesAll ? null : caller.Unit);
    }

    public bool CanSee(string unitCode) => Root is null || _units.IsWithin(unitCode, Root);
}

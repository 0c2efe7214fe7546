namespace Hub.Scoring.Units;

/// <summary>
/// The administrative tree with levels and names, from the unit file the service ships with.
/// Scoring keeps its own copy (and a closure table of it in its database): it never reads another
/// service's tables.
/// </summary>
public sealed class UnitDirectory
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, Unit> _units;
    private readonly Dictionary<string, List<Unit>> _children;

    public UnitDirectory(IEnumerable<Unit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _children = _units.Values.Where(u => u.Parent is not null)
            .GroupBy(u => u.Parent!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Code, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Unit> All => _units.Values;

    public Unit? Find(string code) => _units.GetValueOrDefault(code);

    public IReadOnlyList<Unit> ChildrenOf(string code) => _children.GetValueOrDefault(code) ?? [];

    /// <summary>The unit itself, then its parent, up to the root.</summary>
    public IEnumerable<Unit> SelfAndAncestors(string code)
    {
        var current = Find(code);
        for (var depth = 0; current is not null && depth < MaxDepth; depth++)
        {
            yield return current;
            current = current.Parent is null ? null : Find(current.Parent);
        }
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="root"/> or below it.</summary>
    public bool IsWithin(string code, string root) =>
        SelfAndAncestors(code).Any(u => string.Equals(u.Code, root, StringComparison.Ordinal));

    /// <summary>Reads "code,parent,level,name" lines; the name may hold commas.</summary>
    public static UnitDirectory Load(string path)
    {
        var units = File.ReadLines(path)
            .Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(',', 4))
            .Select(f => new Unit(f[0].Trim(), f[1].Trim().Length > 0 ? f[1].Trim() : null, f[2].Trim(), f.Length > 3 ? f[3].Trim() : f[0].Trim()));
        var directory = new UnitDirectory(units);
        var unknown = directory.All.FirstOrDefault(u => !UnitLevels.All.Contains(u.Level));
        return unknown is null ? directory : throw new InvalidDataException($"{path}: unit {unknown.Code} has the unknown level '{unknown.Level}'.");
    }
}

namespace Hub.Sync.Units;

/// <summary>
/// The administrative tree (national → ministries and provinces → departments and communes),
/// loaded from the unit file every service ships with. Each service holds its own copy: nothing
/// reads another service's database.
/// </summary>
public sealed class UnitTree
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, string?> _parents;
    private readonly Dictionary<string, List<string>> _children;

    public UnitTree(IEnumerable<(string Code, string? Parent)> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _parents = new(StringComparer.Ordinal);
        _children = new(StringComparer.Ordinal);
        foreach (var (code, parent) in units)
        {
            _parents[code] = parent;
            if (parent is not null)
            {
                if (!_children.TryGetValue(parent, out var list))
                {
                    _children[parent] = list = [];
                }
                list.Add(code);
            }
        }
    }

    public int Count => _parents.Count;

    public bool Contains(string code) => _parents.ContainsKey(code);

    /// <summary>True when <paramref name="code"/> is <paramref name="root"/> or one of its descendants.</summary>
    public bool IsWithin(string code, string root)
    {
        string? current = code;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++)
        {
            if (string.Equals(current, root, StringComparison.Ordinal))
            {
                return true;
            }
            current = _parents.GetValueOrDefault(current);
        }
        return false;
    }

    /// <summary>The root and every unit below it.</summary>
    public IReadOnlyList<string> Subtree(string root)
    {
        var result = new List<string>();
        if (!Contains(root))
        {
            return result;
        }
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.TryPop(out var code))
        {
            result.Add(code);
            foreach (var child in _children.GetValueOrDefault(code) ?? [])
            {
                pending.Push(child);
            }
        }
        return result;
    }

    /// <summary>Reads "code,parent,level,name" lines; the name may hold commas, so only the first fields are split.</summary>
    public static UnitTree Load(string path)
    {
        var units = File.ReadLines(path)
            .Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(',', 4))
            .Select(fields => (fields[0].Trim(), fields.Length > 1 && fields[1].Trim().Length > 0 ? fields[1].Trim() : null));
        return new UnitTree(units);
    }
}

using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Engine;

/// <summary>
/// The part of unit_closure a batch needs: the subtree of each of its units (the unit itself
/// included) and the units above it, read in the round's transaction so that it matches the own
/// counts it adds up.
/// </summary>
internal sealed class UnitTree(Dictionary<string, List<string>> subtrees, Dictionary<string, List<string>> ancestors)
{
    private const string Sql = """
        SELECT ancestor, descendant, depth FROM unit_closure
        WHERE ancestor = ANY(@units) OR (descendant = ANY(@units) AND depth > 0)
        """;

    /// <summary>The unit and every unit below it.</summary>
    public IReadOnlyList<string> Subtree(string unit) => subtrees.TryGetValue(unit, out var units) ? units : [];

    /// <summary>The units above the unit, in no particular order.</summary>
    public IReadOnlyList<string> Ancestors(string unit) => ancestors.TryGetValue(unit, out var units) ? units : [];

    public static async Task<UnitTree> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> units, CancellationToken cancellationToken)
    {
        var wanted = units.ToHashSet(StringComparer.Ordinal);
        var (subtrees, ancestors) = (new Dictionary<string, List<string>>(StringComparer.Ordinal), new Dictionary<string, List<string>>(StringComparer.Ordinal));
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = wanted.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (ancestor, descendant, depth) = (reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
            if (wanted.Contains(ancestor))
            {
                Add(subtrees, ancestor, descendant);
            }
            if (depth > 0 && wanted.Contains(descendant))
            {
                Add(ancestors, descendant, ancestor);
            }
        }
        return new UnitTree(subtrees, ancestors);
    }

    private static void Add(Dictionary<string, List<string>> lists, string key, string unit)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }
        list.Add(unit);
    }
}

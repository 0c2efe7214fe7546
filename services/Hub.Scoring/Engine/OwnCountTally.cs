using System.Runtime.InteropServices;
using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>The own counts a round adds up, by (unit, procedure, month, delta), and how they are copied into scoring_own.</summary>
internal sealed class OwnCountTally
{
    private readonly Dictionary<string, int> _unitIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _procedureIndex = new(StringComparer.Ordinal);
    private readonly List<string> _units = [];
    private readonly List<string> _procedures = [];
    private readonly Dictionary<OwnCountKey, OwnFigures> _figures = [];

    public int UnitIndex(string unit) => IndexOf(unit, _unitIndex, _units);

    public int ProcedureIndex(string procedure) => IndexOf(procedure, _procedureIndex, _procedures);

    /// <summary>Adds a version to a month, as judged at the later of its change and <paramref name="countedAt"/>.</summary>
    public void Add(in OwnCountRow row, int unit, int procedure, in MonthBounds month, DateTime countedAt)
    {
        if (!OwnFigures.Judges(row, month, countedAt, out var evalAt))
        {
            return;
        }
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_figures, new OwnCountKey(unit, procedure, month.Start, row.Delta), out _);
        counts ??= new OwnFigures();
        counts.Add(row, month, evalAt);
    }

    public async Task WriteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var figureCount = CounterSql.OwnCountFigures.Length;
        await using var copy = await BinaryCopyWriter.OpenAsync(connection, $"scoring_own ({CounterSql.OwnCountColumns}, delta)", cancellationToken);
        foreach (var (key, counts) in _figures)
        {
            // The key (unit, kind, month, procedure), the figures, and whether the row is a change.
            copy.StartRow((short)(4 + figureCount + 1));
            copy.Text(_units[key.Unit]);
            copy.Int16(1);
            copy.Date(key.Month);
            copy.Text(_procedures[key.Procedure]);
            for (var i = 0; i < figureCount; i++)
            {
                if (i == OwnFigures.HandlingMicroseconds)
                {
                    copy.Int64(counts[i]);
                }
                else
                {
                    copy.Int32(checked((int)counts[i]));
                }
            }
            copy.Bool(key.Delta);
            await copy.FlushIfFullAsync(cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static int IndexOf(string code, Dictionary<string, int> index, List<string> codes)
    {
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(index, code, out var known);
        if (!known)
        {
            position = codes.Count;
            codes.Add(code);
        }
        return position;
    }
}

using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;

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
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY scoring_own ({CounterSql.OwnCountColumns}, delta) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // Values are written synchronously: they go to the importer's buffer, which blocks only to
        // send a full one; a full recompute writes some 3,000,000 of them.
        foreach (var (key, counts) in _figures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            importer.Write(_units[key.Unit], NpgsqlDbType.Text);
            importer.Write((short)1, NpgsqlDbType.Smallint);
            importer.Write(key.Month, NpgsqlDbType.Date);
            importer.Write(_procedures[key.Procedure], NpgsqlDbType.Text);
            for (var i = 0; i < figureCount; i++)
            {
                if (i == OwnFigures.HandlingMicroseconds)
                {
                    importer.Write(counts[i], NpgsqlDbType.Bigint);
                }
                else
                {
                    importer.Write(checked((int)counts[i]), NpgsqlDbType.Integer);
                }
            }
            importer.Write(key.Delta, NpgsqlDbType.Boolean);
        }
        await importer.CompleteAsync(cancellationToken);
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

using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Engine;

/// <summary>
/// The procedure counters. Those published by the unit's subtree in the period feed the publicity
/// criteria (5 working days before the legal basis takes effect and 5 after the decision for a
/// province; 20 and 10 for a ministry). The procedures in force for a unit are the active ones
/// published by it, below it or above it (a commune works under its province's catalogue); whether
/// the unit's dossiers used one comes from <see cref="SubtreeSums"/>.
/// </summary>
internal sealed class ProcedureCatalogue(Dictionary<string, List<RelatedProcedure>> byPublisher)
{
    /// <summary>
    /// The procedures of every unit in or above the subtrees of @units. The publicity deadlines
    /// are judged only for those published between @from and @to, the bounds of the batch's
    /// periods: a catalogue holds mostly procedures published long before, and each judgement
    /// looks up the calendar twice.
    /// </summary>
    private const string Sql = """
        WITH publishers AS (
            SELECT descendant AS unit_code FROM unit_closure WHERE ancestor = ANY(@units)
            UNION SELECT ancestor FROM unit_closure WHERE descendant = ANY(@units))
        SELECT f.unit_code, f.code, f.active, f.online_level >= 2, f.fee_bearing, f.citizen_subject, f.content_full,
               f.publication_decision_at, p.published_on_time IS TRUE, p.made_public_on_time IS TRUE
        FROM procedure_facts f
        JOIN units u ON u.code = f.unit_code
        LEFT JOIN LATERAL (
            SELECT f.publication_decision_at
                       <= add_working_days(f.legal_effective_at, CASE WHEN u.level = 'ministry' THEN -20 ELSE -5 END) AS published_on_time,
                   f.made_public_at
                       <= add_working_days(f.publication_decision_at, CASE WHEN u.level = 'ministry' THEN 10 ELSE 5 END) AS made_public_on_time
            WHERE f.publication_decision_at >= @from AND f.publication_decision_at < @to) p ON true
        WHERE f.unit_code IN (SELECT unit_code FROM publishers)
        """;

    public static readonly string[] CounterNames =
    [
        Counters.ProceduresPublished, Counters.ProceduresPublishedOnTime, Counters.ProceduresMadePublicOnTime,
        Counters.ProceduresContentFull, Counters.ProceduresInForce, Counters.ProceduresOnline,
        Counters.OnlineProceduresUsed, Counters.FeeProcedures, Counters.FeeProceduresWithFeeDossiers,
        Counters.CitizenProcedures, Counters.CitizenProceduresUsingPopulationData,
    ];

    public static async Task<ProcedureCatalogue> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ScoreTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var byPublisher = new Dictionary<string, List<RelatedProcedure>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = targets.Select(t => t.UnitCode).Distinct().ToArray() });
        command.Parameters.AddWithValue("from", targets.Min(t => t.Period.From).UtcDateTime);
        command.Parameters.AddWithValue("to", targets.Max(t => t.Period.To).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var publisher = reader.GetString(0);
            if (!byPublisher.TryGetValue(publisher, out var procedures))
            {
                byPublisher[publisher] = procedures = [];
            }
            procedures.Add(new RelatedProcedure(
                reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5),
                reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTime>(7), reader.GetBoolean(8), reader.GetBoolean(9)));
        }
        return new ProcedureCatalogue(byPublisher);
    }

    /// <summary>Sets the procedure counters of <paramref name="target"/>; <paramref name="use"/> gives what its dossiers of a procedure add up to.</summary>
    public void WriteCounters(ScoreTarget target, UnitTree tree, Func<string, ProcedureUse> use, Dictionary<string, double> counters)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(use);
        ArgumentNullException.ThrowIfNull(counters);
        var counts = new int[CounterNames.Length];
        var (from, to) = (target.Period.From.UtcDateTime, target.Period.To.UtcDateTime);
        foreach (var publisher in tree.Subtree(target.UnitCode))
        {
            foreach (var procedure in Procedures(publisher))
            {
                var published = procedure.PublishedAt >= from && procedure.PublishedAt < to;
                Count(counts, 0, published);
                Count(counts, 1, published && procedure.PublishedOnTime);
                Count(counts, 2, published && procedure.MadePublicOnTime);
                Count(counts, 3, published && procedure.ContentFull);
                CountInForce(counts, procedure, use);
            }
        }
        foreach (var publisher in tree.Ancestors(target.UnitCode))
        {
            foreach (var procedure in Procedures(publisher))
            {
                CountInForce(counts, procedure, use);
            }
        }
        for (var i = 0; i < counts.Length; i++)
        {
            counters[CounterNames[i]] = counts[i];
        }
    }

    private List<RelatedProcedure> Procedures(string publisher) =>
        byPublisher.TryGetValue(publisher, out var procedures) ? procedures : [];

    private static void CountInForce(int[] counts, RelatedProcedure procedure, Func<string, ProcedureUse> use)
    {
        if (!procedure.Active)
        {
            return;
        }
        var dossiers = procedure.Online || procedure.FeeBearing || procedure.CitizenSubject ? use(procedure.Code) : default;
        Count(counts, 4, true);
        Count(counts, 5, procedure.Online);
        Count(counts, 6, procedure.Online && dossiers.OnlineChannel > 0);
        Count(counts, 7, procedure.FeeBearing);
        Count(counts, 8, procedure.FeeBearing && dossiers.FeeData > 0);
        Count(counts, 9, procedure.CitizenSubject);
        Count(counts, 10, procedure.CitizenSubject && dossiers.PopulationData > 0);
    }

    private static void Count(int[] counts, int index, bool condition)
    {
        if (condition)
        {
            counts[index]++;
        }
    }
}

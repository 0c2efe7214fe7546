using System.Globalization;
using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using Hub.Scoring.Facts;
using Hub.Scoring.Periods;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>
/// What the criteria and consistency tests do to a running scoring service: write event records as
/// facts (through <see cref="FactDerivation"/>, as the consumers do), settle the dirty queue, and
/// read the stored scores and facts back.
/// </summary>
public static class ScoringQueries
{
    public static Task<int> WriteAsync(this FactWriter writer, params DossierState[] dossiers)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteDossiersAsync(dossiers.Select(FactDerivation.Dossier).ToList(), CancellationToken.None);
    }

    public static Task<int> WriteAsync(this FactWriter writer, params ProcedureState[] procedures)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteProceduresAsync(procedures.Select(FactDerivation.Procedure).ToList(), CancellationToken.None);
    }

    public static Task<int> WriteAsync(this FactWriter writer, params FeedbackState[] feedback)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteFeedbackAsync(feedback.Select(FactDerivation.Feedback).ToList(), CancellationToken.None);
    }

    public static Task<int> WriteAsync(this FactWriter writer, params PeriodTotalState[] totals)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteDeclaredTotalsAsync(totals.Select(FactDerivation.DeclaredTotal).ToList(), CancellationToken.None);
    }

    public static Task<int> WriteAsync(this FactWriter writer, params DocumentState[] documents)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteCertifiedCopiesAsync(documents.Select(FactDerivation.CertifiedCopy).ToList(), CancellationToken.None);
    }

    /// <summary>Recomputes until nothing is dirty, alongside the service's own loop (claims keep them apart).</summary>
    public static async Task SettleAsync(IServiceProvider services)
    {
        var queue = services.GetRequiredService<DirtyTargets>();
        var engine = services.GetRequiredService<ScoreEngine>();
        for (var round = 0; round < 2000; round++)
        {
            var claimed = await queue.ClaimAsync(CancellationToken.None);
            if (claimed.Count > 0)
            {
                await engine.RecomputeAsync(claimed, CancellationToken.None);
                continue;
            }
            if (await queue.CountAsync(CancellationToken.None) == 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("the dirty targets never settled");
    }

    /// <summary>
    /// Settles, then compares every stored score with a recompute from the facts; returns the targets
    /// that differ. The broker is shared, so events of other test processes may land between the two:
    /// a difference while new marks wait is settled and checked again (a few times); a difference with
    /// nothing left to recompute is the incremental state disagreeing with the facts.
    /// </summary>
    public static async Task<IReadOnlyList<ScoreTarget>> VerifyAsync(IServiceProvider services)
    {
        var queue = services.GetRequiredService<DirtyTargets>();
        var full = services.GetRequiredService<FullRecompute>();
        IReadOnlyList<ScoreTarget> differing = [];
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SettleAsync(services);
            differing = await full.VerifyAsync(CancellationToken.None);
            if (differing.Count == 0 || await queue.CountAsync(CancellationToken.None) == 0)
            {
                return differing;
            }
        }
        return differing;
    }

    /// <summary>The stored current score of a unit and period ("2026-03", "2026-Q1", "2026"), or null.</summary>
    public static async Task<UnitScore?> ScoreAsync(string connectionString, string unit, string period)
    {
        var p = Period.Parse(period);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.score::text FROM current_scores c JOIN score_snapshots s ON s.id = c.snapshot_id
            WHERE c.unit_code = @unit AND c.period_kind = @kind AND c.period_start = @start
            """, connection);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("kind", (short)p.Kind);
        command.Parameters.AddWithValue("start", p.Start);
        return await command.ExecuteScalarAsync() is string json ? ScoreJson.Deserialize(json) : null;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Marks (unit, period) pairs dirty, so that targets no fact reaches are scored too.</summary>
    public static async Task MarkAsync(string connectionString, IEnumerable<string> units, params string[] periods)
    {
        var targets = units.SelectMany(u => periods.Select(p => (Unit: u, Period: Period.Parse(p))))
            .OrderBy(t => t.Unit, StringComparer.Ordinal).ThenBy(t => t.Period.Kind).ThenBy(t => t.Period.Start).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO dirty_targets (unit_code, period_kind, period_start, marked_seq)
            SELECT unit_code, kind, start, nextval('dirty_mark_seq') FROM unnest(@units, @kinds, @starts) AS x(unit_code, kind, start)
            ON CONFLICT (unit_code, period_kind, period_start) DO UPDATE SET marked_seq = excluded.marked_seq
            """, connection);
        command.Parameters.AddWithValue("units", targets.Select(t => t.Unit).ToArray());
        command.Parameters.AddWithValue("kinds", targets.Select(t => (short)t.Period.Kind).ToArray());
        command.Parameters.AddWithValue("starts", targets.Select(t => t.Period.Start).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A criterion of a score, whichever group it is in.</summary>
    public static CriterionScore Criterion(this UnitScore score, string code)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Groups.SelectMany(g => g.Criteria).Single(c => c.Code == code);
    }
}

using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Facts;

/// <summary>
/// Applies facts set-based, one statement per batch: a fact replaces the stored one only when its
/// version is higher, so redelivered, duplicated and reordered events change nothing; the changed
/// records' (unit, period) pairs are marked dirty in the same statement. Returns how many facts changed.
/// </summary>
public sealed class FactWriter(NpgsqlDataSource dataSource, TimeProvider time)
{
    // Attempts at an upsert that reports records left to another writer (see
    // ExecuteOnePerKeyAsync); the second holds every row the first left, so leaves none.
    private const int MaxAttempts = 3;

    public async Task<int> WriteDossiersAsync(IReadOnlyList<DossierFact> facts, CancellationToken cancellationToken)
    {
        var rows = Latest(facts, f => f.Code, f => f.Version);
        await using var command = new NpgsqlCommand(FactSql.Dossiers);
        var p = command.Parameters;
        Add(p, "code", NpgsqlDbType.Text, rows.Select(f => f.Code));
        Add(p, "version", NpgsqlDbType.Bigint, rows.Select(f => f.Version));
        Add(p, "unit", NpgsqlDbType.Text, rows.Select(f => f.UnitCode));
        Add(p, "procedure", NpgsqlDbType.Text, rows.Select(f => f.ProcedureCode));
        Add(p, "channel", NpgsqlDbType.Smallint, rows.Select(f => (short)f.Channel));
        Add(p, "status", NpgsqlDbType.Smallint, rows.Select(f => (short)f.Status));
        Add(p, "received", NpgsqlDbType.TimestampTz, rows.Select(f => f.ReceivedAt));
        Add(p, "due", NpgsqlDbType.TimestampTz, rows.Select(f => f.DueAt));
        Add(p, "terminal", NpgsqlDbType.TimestampTz, rows.Select(f => f.TerminalAt));
        Add(p, "terminal_status", NpgsqlDbType.Smallint, rows.Select(f => (short?)f.TerminalStatus));
        Add(p, "supplements", NpgsqlDbType.Integer, rows.Select(f => f.SupplementCount));
        Add(p, "wait", NpgsqlDbType.Double, rows.Select(f => f.SupplementWaitSeconds));
        Add(p, "open_supplement", NpgsqlDbType.TimestampTz, rows.Select(f => f.OpenSupplementAt));
        Add(p, "fee_data", NpgsqlDbType.Boolean, rows.Select(f => f.FeeData));
        Add(p, "fee_bearing", NpgsqlDbType.Boolean, rows.Select(f => f.FeeBearing));
        Add(p, "paid_online", NpgsqlDbType.Boolean, rows.Select(f => f.PaidOnline));
        Add(p, "electronic_result", NpgsqlDbType.Boolean, rows.Select(f => f.ElectronicResult));
        Add(p, "result_digitised", NpgsqlDbType.Boolean, rows.Select(f => f.ResultDigitised));
        Add(p, "components_digitised", NpgsqlDbType.Boolean, rows.Select(f => f.ComponentsDigitised));
        Add(p, "reused", NpgsqlDbType.Boolean, rows.Select(f => f.Reused));
        Add(p, "personal_store", NpgsqlDbType.Boolean, rows.Select(f => f.PersonalStore));
        Add(p, "population_data", NpgsqlDbType.Boolean, rows.Select(f => f.PopulationData));
        Add(p, "negative_rating", NpgsqlDbType.Boolean, rows.Select(f => f.NegativeRating));
        Add(p, "complaint", NpgsqlDbType.Boolean, rows.Select(f => f.Complaint));
        p.AddWithValue("now", time.GetUtcNow());
        return await ExecuteOnePerKeyAsync(command, FactSql.LockRows("dossier_facts", "code"), rows.Select(f => f.Code), cancellationToken);
    }

    public async Task<int> WriteProceduresAsync(IReadOnlyList<ProcedureFact> facts, CancellationToken cancellationToken)
    {
        var rows = Latest(facts, f => f.Code, f => f.Version);
        // The catalogue generation is locked before the upsert's snapshot is taken, and so before any
        // mark: a completing round takes it first too (DirtyTargets.CompleteSql), so neither can hold
        // a mark the other waits for.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var generation = new NpgsqlCommand(FactSql.LockCatalogueGeneration, connection, transaction))
        {
            await generation.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand(FactSql.Procedures, connection, transaction);
        var p = command.Parameters;
        Add(p, "code", NpgsqlDbType.Text, rows.Select(f => f.Code));
        Add(p, "version", NpgsqlDbType.Bigint, rows.Select(f => f.Version));
        Add(p, "unit", NpgsqlDbType.Text, rows.Select(f => f.UnitCode));
        Add(p, "active", NpgsqlDbType.Boolean, rows.Select(f => f.Active));
        Add(p, "online_level", NpgsqlDbType.Smallint, rows.Select(f => (short)f.OnlineLevel));
        Add(p, "full_online_eligible", NpgsqlDbType.Boolean, rows.Select(f => f.FullOnlineEligible));
        Add(p, "paper_result", NpgsqlDbType.Boolean, rows.Select(f => f.PaperResult));
        Add(p, "fee_bearing", NpgsqlDbType.Boolean, rows.Select(f => f.FeeBearing));
        Add(p, "citizen_subject", NpgsqlDbType.Boolean, rows.Select(f => f.CitizenSubject));
        Add(p, "content_full", NpgsqlDbType.Boolean, rows.Select(f => f.ContentFull));
        Add(p, "legal_effective", NpgsqlDbType.TimestampTz, rows.Select(f => f.LegalEffectiveAt));
        Add(p, "decision", NpgsqlDbType.TimestampTz, rows.Select(f => f.PublicationDecisionAt));
        Add(p, "made_public", NpgsqlDbType.TimestampTz, rows.Select(f => f.MadePublicAt));
        Add(p, "processing_time", NpgsqlDbType.Integer, rows.Select(f => f.ProcessingTime));
        Add(p, "processing_unit", NpgsqlDbType.Smallint, rows.Select(f => (short)f.ProcessingTimeUnit));
        var (changed, _) = await ExecuteAsync(command, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<int> WriteFeedbackAsync(IReadOnlyList<FeedbackFact> facts, CancellationToken cancellationToken)
    {
        var rows = Latest(facts, f => f.Id, f => f.Version);
        await using var command = new NpgsqlCommand(FactSql.Feedback);
        var p = command.Parameters;
        Add(p, "id", NpgsqlDbType.Text, rows.Select(f => f.Id));
        Add(p, "version", NpgsqlDbType.Bigint, rows.Select(f => f.Version));
        Add(p, "unit", NpgsqlDbType.Text, rows.Select(f => f.UnitCode));
        Add(p, "kind", NpgsqlDbType.Smallint, rows.Select(f => (short)f.Kind));
        Add(p, "received", NpgsqlDbType.TimestampTz, rows.Select(f => f.ReceivedAt));
        Add(p, "deadline", NpgsqlDbType.TimestampTz, rows.Select(f => f.DeadlineAt));
        Add(p, "handled", NpgsqlDbType.TimestampTz, rows.Select(f => f.HandledAt));
        Add(p, "outcome", NpgsqlDbType.Smallint, rows.Select(f => (short)f.Outcome));
        Add(p, "dissatisfied", NpgsqlDbType.Boolean, rows.Select(f => f.Dissatisfied));
        Add(p, "re_raised", NpgsqlDbType.Boolean, rows.Select(f => f.ReRaised));
        return await ExecuteOnePerKeyAsync(command, FactSql.LockRows("feedback_facts", "id"), rows.Select(f => f.Id), cancellationToken);
    }

    public async Task<int> WriteDeclaredTotalsAsync(IReadOnlyList<DeclaredTotalFact> facts, CancellationToken cancellationToken)
    {
        var rows = Latest(facts, f => f.Key, f => f.Version);
        await using var command = new NpgsqlCommand(FactSql.DeclaredTotals);
        var p = command.Parameters;
        Add(p, "key", NpgsqlDbType.Text, rows.Select(f => f.Key));
        Add(p, "version", NpgsqlDbType.Bigint, rows.Select(f => f.Version));
        Add(p, "unit", NpgsqlDbType.Text, rows.Select(f => f.UnitCode));
        Add(p, "kind", NpgsqlDbType.Smallint, rows.Select(f => (short)f.PeriodKind));
        Add(p, "start", NpgsqlDbType.Date, rows.Select(f => f.PeriodStart));
        Add(p, "received", NpgsqlDbType.Bigint, rows.Select(f => f.DossiersReceived));
        return await ExecuteOnePerKeyAsync(command, FactSql.LockRows("declared_totals", "key"), rows.Select(f => f.Key), cancellationToken);
    }

    public async Task<int> WriteCertifiedCopiesAsync(IReadOnlyList<CertifiedCopyFact> facts, CancellationToken cancellationToken)
    {
        var rows = Latest(facts, f => f.DocumentId, f => f.Version);
        await using var command = new NpgsqlCommand(FactSql.CertifiedCopies);
        var p = command.Parameters;
        Add(p, "id", NpgsqlDbType.Text, rows.Select(f => f.DocumentId));
        Add(p, "version", NpgsqlDbType.Bigint, rows.Select(f => f.Version));
        Add(p, "commune", NpgsqlDbType.Text, rows.Select(f => f.CommuneCode));
        Add(p, "issued", NpgsqlDbType.TimestampTz, rows.Select(f => f.IssuedAt));
        return await ExecuteOnePerKeyAsync(command, FactSql.LockRows("certified_copy_facts", "document_id"), rows.Select(f => f.DocumentId), cancellationToken);
    }

    /// <summary>One row per key, the highest version: ON CONFLICT may not touch a row twice in one statement.</summary>
    private static List<T> Latest<T>(IReadOnlyList<T> facts, Func<T, string> key, Func<T, long> version) =>
        facts.GroupBy(key, StringComparer.Ordinal).Select(g => g.MaxBy(version)!).OrderBy(key, StringComparer.Ordinal).ToList();

    private static void Add<T>(NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    /// <summary>
    /// Runs an upsert after locking the stored rows it may replace, in its own transaction. Two
    /// versions of one record applied at once would otherwise both read, as the version they
    /// replace, the one in their statement's snapshot: the later writer would miss the marks of the
    /// version the earlier one committed (its unit and months), and a unit's stored counts could
    /// keep a dossier that has left it. Holding the row, the upsert's snapshot is taken after the
    /// other writer's commit. Rows are locked in key order, as the upsert takes them, so writers
    /// never deadlock. A record with no row yet cannot be locked: another writer may insert its
    /// first version, and a third replace it, between the lock and the upsert. The upsert writes
    /// over a row only while it is the version its snapshot read, and reports the records it left;
    /// it runs again for those, once the other writers' rows are committed and can be locked.
    /// </summary>
    private async Task<int> ExecuteOnePerKeyAsync(NpgsqlCommand command, string lockRowsSql, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var lockRows = new NpgsqlCommand(lockRowsSql, connection, transaction);
        Add(lockRows.Parameters, "keys", NpgsqlDbType.Text, keys);
        command.Connection = connection;
        command.Transaction = transaction;
        var changed = 0;
        for (var attempt = 1; ; attempt++)
        {
            await lockRows.ExecuteNonQueryAsync(cancellationToken);
            var (applied, leftOver) = await ExecuteAsync(command, cancellationToken);
            changed += applied;
            if (leftOver == 0)
            {
                break;
            }
            // The insert waited for the other writer's transaction, so the next statement sees its row.
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"{leftOver} records were still being written by another transaction after {MaxAttempts} attempts.");
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>How many facts changed, and how many were left over for another attempt (0 unless the statement says).</summary>
    private static async Task<(int Changed, int LeftOver)> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (0, 0);
        }
        return (reader.GetInt32(0), reader.FieldCount > 1 ? reader.GetInt32(1) : 0);
    }
}

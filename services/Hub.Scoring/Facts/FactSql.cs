namespace Hub.Scoring.Facts;

/// <summary>The upsert statements of <see cref="FactWriter"/>: incoming rows, the rows they replace, and the dirty marks of both.</summary>
internal static class FactSql
{
    /// <summary>The columns of dossier_facts in their order, as dossier_count_changes holds them before its sign.</summary>
    public const string DossierColumns = "code, version, unit_code, procedure_code, channel, status, received_at, due_at, terminal_at, "
        + "terminal_status, supplement_count, supplement_wait_seconds, open_supplement_at, fee_data, fee_bearing, paid_online, "
        + "electronic_result, result_digitised, components_digitised, reused, personal_store, population_data, negative_rating, "
        + "complaint, changed_at";

    /// <summary>
    /// The dossier upsert. Besides the marks, it logs each replaced version (sign −1) and each applied
    /// one (+1) in dossier_count_changes, which the next round adds to the stored own counts. A
    /// version is written in one of two ways: over the stored row that this statement's snapshot
    /// holds, and only while that row is still the version <c>previous</c> read, or as a first
    /// version. Rows locked beforehand cannot change, but a row another writer committed after the
    /// lock was taken can, by a third writer, before this statement reaches it: had it been
    /// replaced anyway, the log would take out the version read instead of the one replaced, and
    /// both writers' new versions would stay counted. Such a row, and a first version that another
    /// writer inserted after the snapshot, is left alone, and the statement reports it as left
    /// over (its second column): <see cref="FactWriter"/> runs the statement again for those, when
    /// the other row is visible and locked.
    /// </summary>
    public static readonly string Dossiers = $"""
        WITH incoming AS (
            SELECT *, @now::timestamptz AS changed_at
            FROM unnest(@code, @version, @unit, @procedure, @channel, @status, @received, @due, @terminal,
                @terminal_status, @supplements, @wait, @open_supplement, @fee_data, @fee_bearing, @paid_online,
                @electronic_result, @result_digitised, @components_digitised, @reused, @personal_store,
                @population_data, @negative_rating, @complaint)
                AS x(code, version, unit_code, procedure_code, channel, status, received_at, due_at, terminal_at,
                     terminal_status, supplement_count, supplement_wait_seconds, open_supplement_at, fee_data, fee_bearing,
                     paid_online, electronic_result, result_digitised, components_digitised, reused, personal_store,
                     population_data, negative_rating, complaint)),
        stored AS (
            SELECT f.* FROM dossier_facts f JOIN incoming i ON i.code = f.code),
        previous AS (
            SELECT s.* FROM stored s JOIN incoming i ON i.code = s.code WHERE i.version > s.version),
        inserted AS (
            INSERT INTO dossier_facts ({DossierColumns})
            SELECT {DossierColumns} FROM incoming WHERE code NOT IN (SELECT code FROM stored)
            ON CONFLICT (code) DO NOTHING
            RETURNING *),
        updated AS (
            UPDATE dossier_facts f SET
                version = i.version, unit_code = i.unit_code, procedure_code = i.procedure_code,
                channel = i.channel, status = i.status, received_at = i.received_at,
                due_at = i.due_at, terminal_at = i.terminal_at, terminal_status = i.terminal_status,
                supplement_count = i.supplement_count, supplement_wait_seconds = i.supplement_wait_seconds,
                open_supplement_at = i.open_supplement_at, fee_data = i.fee_data,
                fee_bearing = i.fee_bearing, paid_online = i.paid_online,
                electronic_result = i.electronic_result, result_digitised = i.result_digitised,
                components_digitised = i.components_digitised, reused = i.reused,
                personal_store = i.personal_store, population_data = i.population_data,
                negative_rating = i.negative_rating, complaint = i.complaint, changed_at = i.changed_at
            FROM incoming i JOIN previous p ON p.code = i.code
            WHERE f.code = i.code AND f.version = p.version
            RETURNING f.*),
        changed AS (
            SELECT * FROM inserted UNION ALL SELECT * FROM updated),
        logged AS (
            INSERT INTO dossier_count_changes ({DossierColumns}, sign)
            SELECT {DossierColumns}, -1 FROM previous WHERE code IN (SELECT code FROM updated)
            UNION ALL SELECT {DossierColumns}, 1 FROM changed
            RETURNING 1),
        spans AS (
            SELECT unit_code, received_at AS from_at, terminal_at AS to_at FROM previous
            UNION ALL SELECT unit_code, received_at, terminal_at FROM changed)
        """ + DirtyMarks.FromSpans + """
        ,
            (SELECT count(*)::int FROM incoming WHERE code NOT IN (SELECT code FROM stored)) + (SELECT count(*)::int FROM previous)
            - (SELECT count(*)::int FROM changed)
        """;

    // A procedure feeds criteria of every unit whose dossiers use it, in every period: a catalogue
    // change marks every (unit, period) already scored, besides the periods of its publication, and
    // every one still dirty: a target being computed for the first time is in neither table as a
    // score yet, and a round that read the catalogue before this change must not be its last. A
    // target created after this statement's snapshot is not seen here: the generation it raises
    // (locked beforehand with LockCatalogueGeneration) keeps such a target dirty (DirtyTargets.CompleteSql).
    public const string LockCatalogueGeneration = "SELECT 1 FROM catalogue_generation FOR UPDATE";

    /// <summary>Locks the stored rows of @keys, in key order, before an upsert (see FactWriter).</summary>
    public static string LockRows(string table, string key) => $"SELECT 1 FROM {table} WHERE {key} = ANY(@keys) ORDER BY {key} FOR UPDATE";

    public const string Procedures = """
        WITH incoming AS (
            SELECT * FROM unnest(@code, @version, @unit, @active, @online_level, @full_online_eligible, @paper_result,
                @fee_bearing, @citizen_subject, @content_full, @legal_effective, @decision, @made_public,
                @processing_time, @processing_unit)
                AS x(code, version, unit_code, active, online_level, full_online_eligible, paper_result, fee_bearing,
                     citizen_subject, content_full, legal_effective_at, publication_decision_at, made_public_at,
                     processing_time, processing_time_unit)),
        previous AS (
            SELECT f.code, f.unit_code, f.publication_decision_at, f.made_public_at
            FROM procedure_facts f JOIN incoming i ON i.code = f.code WHERE i.version > f.version),
        changed AS (
            INSERT INTO procedure_facts AS f SELECT * FROM incoming
            ON CONFLICT (code) DO UPDATE SET
                version = excluded.version, unit_code = excluded.unit_code, active = excluded.active,
                online_level = excluded.online_level, full_online_eligible = excluded.full_online_eligible,
                paper_result = excluded.paper_result, fee_bearing = excluded.fee_bearing,
                citizen_subject = excluded.citizen_subject, content_full = excluded.content_full,
                legal_effective_at = excluded.legal_effective_at,
                publication_decision_at = excluded.publication_decision_at, made_public_at = excluded.made_public_at,
                processing_time = excluded.processing_time, processing_time_unit = excluded.processing_time_unit
            WHERE excluded.version > f.version
            RETURNING f.code, f.unit_code, f.publication_decision_at, f.made_public_at),
        raised AS (
            UPDATE catalogue_generation SET seq = seq + 1 WHERE EXISTS (SELECT 1 FROM changed) RETURNING seq),
        dates AS (
            SELECT unit_code, publication_decision_at AS at FROM previous
            UNION ALL SELECT unit_code, made_public_at FROM previous
            UNION ALL SELECT unit_code, publication_decision_at FROM changed
            UNION ALL SELECT unit_code, made_public_at FROM changed
            UNION ALL SELECT unit_code, now() FROM changed),
        spans AS (
            SELECT unit_code, at AS from_at, at AS to_at FROM dates WHERE at IS NOT NULL
            UNION ALL
            SELECT s.unit_code, (s.period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'), (s.period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
            FROM current_scores s WHERE EXISTS (SELECT 1 FROM changed)
            UNION ALL
            SELECT d.unit_code, (d.period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'), (d.period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
            FROM dirty_targets d WHERE EXISTS (SELECT 1 FROM changed))
        """ + DirtyMarks.FromSpans;

    /// <summary>
    /// The second column of the feedback and declared-total upserts: the records this statement's
    /// snapshot said it would write (a first version, or one newer than the version read) that it
    /// left alone, because another writer's row was committed or replaced after the snapshot.
    /// <see cref="FactWriter"/> runs the statement again for those (see <see cref="Dossiers"/>).
    /// </summary>
    private static string LeftOver(string table, string key) => $"""
        ,
            (SELECT count(*)::int FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM {table} f WHERE f.{key} = i.{key}))
            + (SELECT count(*)::int FROM previous) - (SELECT count(*)::int FROM changed)
        """;

    public static readonly string Feedback = """
        WITH incoming AS (
            SELECT * FROM unnest(@id, @version, @unit, @kind, @received, @deadline, @handled, @outcome, @dissatisfied, @re_raised)
                AS x(id, version, unit_code, kind, received_at, deadline_at, handled_at, outcome, dissatisfied, re_raised)),
        previous AS (
            SELECT f.id, f.version, f.unit_code, f.received_at, f.handled_at
            FROM feedback_facts f JOIN incoming i ON i.id = f.id WHERE i.version > f.version),
        changed AS (
            INSERT INTO feedback_facts AS f SELECT * FROM incoming
            ON CONFLICT (id) DO UPDATE SET
                version = excluded.version, unit_code = excluded.unit_code, kind = excluded.kind,
                received_at = excluded.received_at, deadline_at = excluded.deadline_at, handled_at = excluded.handled_at,
                outcome = excluded.outcome, dissatisfied = excluded.dissatisfied, re_raised = excluded.re_raised
            WHERE excluded.version > f.version AND f.version = (SELECT p.version FROM previous p WHERE p.id = f.id)
            RETURNING f.id, f.unit_code, f.received_at, f.handled_at),
        spans AS (
            SELECT unit_code, received_at AS from_at, handled_at AS to_at FROM previous
            UNION ALL SELECT unit_code, received_at, handled_at FROM changed)
        """ + DirtyMarks.FromSpans + LeftOver("feedback_facts", "id");

    public static readonly string DeclaredTotals = """
        WITH incoming AS (
            SELECT * FROM unnest(@key, @version, @unit, @kind, @start, @received)
                AS x(key, version, unit_code, period_kind, period_start, dossiers_received)),
        previous AS (
            SELECT f.key, f.version, f.unit_code, f.period_start
            FROM declared_totals f JOIN incoming i ON i.key = f.key WHERE i.version > f.version),
        changed AS (
            INSERT INTO declared_totals AS f SELECT * FROM incoming
            ON CONFLICT (key) DO UPDATE SET
                version = excluded.version, unit_code = excluded.unit_code, period_kind = excluded.period_kind,
                period_start = excluded.period_start, dossiers_received = excluded.dossiers_received
            WHERE excluded.version > f.version AND f.version = (SELECT p.version FROM previous p WHERE p.key = f.key)
            RETURNING f.key, f.unit_code, f.period_start),
        starts AS (
            SELECT unit_code, (period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS at FROM previous
            UNION ALL SELECT unit_code, (period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') FROM changed),
        spans AS (SELECT unit_code, at AS from_at, at AS to_at FROM starts)
        """ + DirtyMarks.FromSpans + LeftOver("declared_totals", "key");

    /// <summary>
    /// Certified copies: a version that is not a certified copy (no commune) is written only over a
    /// stored row, to take that document out of the count; a document never seen as a copy has no
    /// row. The left-over column counts only the records meant to be written.
    /// </summary>
    public static readonly string CertifiedCopies = """
        WITH incoming AS (
            SELECT * FROM unnest(@id, @version, @commune, @issued) AS x(document_id, version, commune_code, issued_at)),
        previous AS (
            SELECT f.document_id, f.version, f.commune_code, f.issued_at
            FROM certified_copy_facts f JOIN incoming i ON i.document_id = f.document_id WHERE i.version > f.version),
        changed AS (
            INSERT INTO certified_copy_facts AS f
            SELECT * FROM incoming WHERE commune_code IS NOT NULL OR document_id IN (SELECT document_id FROM previous)
            ON CONFLICT (document_id) DO UPDATE SET
                version = excluded.version, commune_code = excluded.commune_code, issued_at = excluded.issued_at
            WHERE excluded.version > f.version AND f.version = (SELECT p.version FROM previous p WHERE p.document_id = f.document_id)
            RETURNING f.document_id, f.commune_code, f.issued_at),
        spans AS (
            SELECT commune_code AS unit_code, issued_at AS from_at, issued_at AS to_at FROM previous WHERE commune_code IS NOT NULL
            UNION ALL SELECT commune_code, issued_at, issued_at FROM changed WHERE commune_code IS NOT NULL)
        """ + DirtyMarks.FromSpans + """
        ,
            (SELECT count(*)::int FROM incoming i
             WHERE i.commune_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certified_copy_facts f WHERE f.document_id = i.document_id))
            + (SELECT count(*)::int FROM previous) - (SELECT count(*)::int FROM changed)
        """;
}

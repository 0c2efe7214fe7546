namespace Hub.Scoring.Facts;

/// <summary>
/// SQL that marks (unit, period) pairs dirty in the same statement, and so the same transaction, as
/// the facts that changed them: every month a changed record spans (from its start to its end, or
/// to now while it is open), their quarters and years, for its unit and all the unit's ancestors.
/// Marks are inserted in key order so that concurrent consumers never deadlock on them.
/// </summary>
internal static class DirtyMarks
{
    /// <summary>Follows a CTE list that defines spans(unit_code, from_at, to_at); defines targets(unit_code, kind, start).</summary>
    public const string TargetsOfSpans = """
        -- Records of a unit mostly share their first and last month: each pair is listed once before
        -- the months between are generated (a full recompute has a million spans, a few thousand pairs).
        , spanned AS (
            SELECT DISTINCT s.unit_code, date_trunc('month', s.from_at AT TIME ZONE 'Asia/Ho_Chi_Minh') AS first_month,
                   date_trunc('month', GREATEST(s.from_at, COALESCE(s.to_at, now())) AT TIME ZONE 'Asia/Ho_Chi_Minh') AS last_month
            FROM spans s),
        months AS (
            SELECT DISTINCT s.unit_code, m::date AS month
            FROM spanned s, generate_series(s.first_month, s.last_month, interval '1 month') m),
        periods AS (
            SELECT unit_code, 1::smallint AS kind, month AS start FROM months
            UNION SELECT unit_code, 2::smallint, date_trunc('quarter', month)::date FROM months
            UNION SELECT unit_code, 3::smallint, date_trunc('year', month)::date FROM months),
        targets AS (
            SELECT DISTINCT c.ancestor AS unit_code, p.kind, p.start
            FROM periods p JOIN unit_closure c ON c.descendant = p.unit_code)
        """;

    /// <summary>
    /// Follows a CTE list that defines changed(…) and spans(…); marks, and returns how many facts
    /// changed (a statement may add columns after it). The marks ask for no recount of own counts:
    /// a dossier's change reaches them through dossier_count_changes, a catalogue change through
    /// the catalogue generation, and the other facts do not enter them.
    /// </summary>
    public const string FromSpans = TargetsOfSpans + """
        , marked AS (
            INSERT INTO dirty_targets (unit_code, period_kind, period_start, marked_seq)
            SELECT unit_code, kind, start, nextval('dirty_mark_seq')
            FROM (SELECT * FROM targets ORDER BY unit_code, kind, start) ordered
            ON CONFLICT (unit_code, period_kind, period_start) DO UPDATE SET marked_seq = excluded.marked_seq
            RETURNING 1)
        SELECT (SELECT count(*)::int FROM changed)
        """;

    /// <summary>
    /// Marks every target that any fact reaches and every target already scored, releasing their
    /// claims; their own counts are counted again from the facts. The targets are found first, into
    /// a table of their own: a statement that only reads can spread the scan of every fact over
    /// both CPUs (about half a second less on 1,000,000 dossiers), one that inserts cannot. nextval
    /// sits in a subquery of its own so that the mark and the recount share one value (a subquery
    /// with a volatile output is never flattened). The planner's estimates for the scan pass its
    /// JIT thresholds, and compiling took longer than the scan itself: run it in a transaction, so
    /// that SET LOCAL holds.
    /// </summary>
    public static readonly string MarkEverything = $"""
        SET LOCAL jit = off;
        CREATE TEMP TABLE every_target ON COMMIT DROP AS {AllTargets};
        INSERT INTO dirty_targets (unit_code, period_kind, period_start, marked_seq, recount_seq)
        SELECT unit_code, kind, start, seq, seq
        FROM (SELECT unit_code, kind, start, nextval('dirty_mark_seq') AS seq
              FROM (SELECT * FROM every_target ORDER BY 1, 2, 3) AS everything(unit_code, kind, start)) numbered
        ON CONFLICT (unit_code, period_kind, period_start) DO UPDATE
            SET marked_seq = excluded.marked_seq, recount_seq = excluded.marked_seq, claimed_until = NULL;
        DROP TABLE every_target
        """;

    /// <summary>Every target that any fact reaches, and every target already scored.</summary>
    public const string AllTargets = """
        WITH spans AS (
            SELECT unit_code, received_at AS from_at, terminal_at AS to_at FROM dossier_facts
            UNION ALL SELECT unit_code, received_at, handled_at FROM feedback_facts
            UNION ALL SELECT unit_code, publication_decision_at, publication_decision_at FROM procedure_facts WHERE publication_decision_at IS NOT NULL
            UNION ALL SELECT unit_code, made_public_at, made_public_at FROM procedure_facts WHERE made_public_at IS NOT NULL
            UNION ALL SELECT commune_code, issued_at, issued_at FROM certified_copy_facts WHERE commune_code IS NOT NULL
            UNION ALL SELECT unit_code, period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' FROM declared_totals)
        """ + TargetsOfSpans + """
        SELECT unit_code, kind, start FROM targets
        UNION SELECT unit_code, period_kind, period_start FROM current_scores
        """;
}

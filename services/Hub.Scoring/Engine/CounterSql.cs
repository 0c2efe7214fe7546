using Hub.Scoring.Facts;

namespace Hub.Scoring.Engine;

/// <summary>
/// The set-based SQL behind <see cref="Counters"/>. Every statement takes the batch of targets as
/// arrays: unit, period kind and start, the period's bounds and the instant it is judged at (its
/// end, or now while it runs). A unit's figures cover its whole subtree (unit_closure).
/// </summary>
internal static class CounterSql
{
    private const string Targets = """
        t AS (
            SELECT * FROM unnest(@units::text[], @kinds::smallint[], @starts::date[], @froms::timestamptz[],
                                 @tos::timestamptz[], @evals::timestamptz[])
                AS t(unit_code, period_kind, period_start, from_at, to_at, eval_at))
        """;

    /// <summary>
    /// The calendar as two arrays, so that adding working days is two lookups instead of a query
    /// per row: the working-day ordinal of each day (a day off has its previous working day's),
    /// and the working days by ordinal. Read through <see cref="AddWorkingDays"/>.
    /// </summary>
    private const string Calendar = """
        calendar AS (
            SELECT min(day) AS first_day, array_agg(working_ordinal ORDER BY day) AS ordinals,
                   array_agg(day ORDER BY working_ordinal) FILTER (WHERE working) AS working_days
            FROM calendar_days)
        """;

    /// <summary>
    /// SQL for <paramref name="days"/> working days after (before, when negative) the local day of
    /// <paramref name="at"/>, at the same time of day; null outside the calendar. Needs the
    /// <see cref="Calendar"/> CTE joined as cal. The same rule as the add_working_days function.
    /// </summary>
    private static string AddWorkingDays(string at, string days) =>
        $"(cal.working_days[cal.ordinals[({at} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - cal.first_day + 1] + ({days})]"
        + $" + ({at} AT TIME ZONE 'Asia/Ho_Chi_Minh')::time) AT TIME ZONE 'Asia/Ho_Chi_Minh'";

    /// <summary>SQL for the first day of each month of target t's period (a set-returning function).</summary>
    private const string MonthsOfTarget =
        "generate_series(t.period_start::timestamp, t.period_start + CASE t.period_kind WHEN 1 THEN interval '0 months' "
        + "WHEN 2 THEN interval '2 months' ELSE interval '11 months' END, interval '1 month')";

    /// <summary>
    /// Every month of every target's period, for the target's unit and its whole subtree. Own counts
    /// are kept per month only; a quarter's or year's figures are added up from its months (see
    /// <see cref="SubtreeSums"/>), so a dossier is judged once per month it spans, not
    /// again for its quarter and year.
    /// </summary>
    private const string Reached = $"""
        reached AS (
            SELECT DISTINCT c.descendant AS unit_code, 1::smallint AS period_kind, m::date AS period_start
            FROM t
            JOIN unit_closure c ON c.ancestor = t.unit_code
            CROSS JOIN LATERAL {MonthsOfTarget} m)
        """;

    /// <summary>Every (unit, month) pair the batch's targets add up: their months, for them and their subtrees.</summary>
    public const string AllPairs = "CREATE TEMP TABLE scoring_pairs ON COMMIT DROP AS WITH " + Targets + ", " + Reached + """
        SELECT unit_code, period_kind, period_start FROM reached
        """;

    /// <summary>
    /// The pairs whose stored own counts are to be counted again from the facts: those the batch
    /// reaches whose mark asks for it, or that were counted with an older catalogue generation than
    /// @generation (a catalogue, calendar or unit tree change). A dossier's change reaches the
    /// stored counts through dossier_count_changes instead (see <see cref="OwnCounter"/>). Time
    /// passing asks for a recount too: every running period is marked so once per refresh interval,
    /// as open dossiers fall late.
    /// </summary>
    public const string DirtyPairs = "CREATE TEMP TABLE scoring_pairs ON COMMIT DROP AS WITH " + Targets + ", " + Reached + """
        SELECT r.unit_code, r.period_kind, r.period_start
        FROM reached r
        LEFT JOIN dirty_targets d
          ON d.unit_code = r.unit_code AND d.period_kind = r.period_kind AND d.period_start = r.period_start
        LEFT JOIN counted_months cm ON cm.unit_code = r.unit_code AND cm.period_start = r.period_start
        WHERE d.recount_seq IS NOT NULL OR cm.generation < @generation
        """;

    /// <summary>The table <see cref="OwnCounter"/> fills: the own counts' rows, each flagged whether it is a change to add.</summary>
    public const string CreateOwn = "CREATE TEMP TABLE scoring_own ON COMMIT DROP AS SELECT *, false AS delta FROM unit_counts WITH NO DATA";

    /// <summary>SQL for the bounds of the month that starts on <paramref name="month"/> (a date), as the columns own counts read.</summary>
    private static string MonthBounds(string month) =>
        $"{month}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS from_at, "
        + $"({month} + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS to_at, "
        + $"date_trunc('quarter', {month}::timestamp) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS quarter_from, "
        + $"date_trunc('year', {month}::timestamp) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS year_from";

    /// <summary>
    /// SQL for the deadline of dossier <paramref name="f"/> with its procedure pf: the due date, or
    /// the legal processing time from receipt when the source sent none, extended by the time spent
    /// waiting for completed supplements. Needs the <see cref="Calendar"/> CTE joined as cal.
    /// </summary>
    private static string Deadline(string f) => $"""
        COALESCE({f}.due_at, CASE WHEN pf.processing_time > 0 THEN CASE pf.processing_time_unit
                 WHEN 1 THEN {f}.received_at + make_interval(hours => pf.processing_time)
                 WHEN 2 THEN (({f}.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh') + make_interval(days => pf.processing_time)) AT TIME ZONE 'Asia/Ho_Chi_Minh'
                 WHEN 3 THEN {AddWorkingDays($"{f}.received_at", "pf.processing_time")}
                 WHEN 4 THEN (({f}.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh') + make_interval(months => pf.processing_time)) AT TIME ZONE 'Asia/Ho_Chi_Minh' END END)
              + make_interval(secs => {f}.supplement_wait_seconds)
        """;

    private const string ProcedureFields =
        "pf.online_level, pf.full_online_eligible, COALESCE(pf.paper_result, false) AS paper_result";

    /// <summary>
    /// The dossiers that own counts are made of (see <see cref="OwnCounter"/>), one row each, with
    /// its deadline and the fields of its procedure:
    /// <list type="bullet">
    /// <item>with <paramref name="countPairs"/>, every dossier of the units in scoring_pairs that
    /// can reach one of their months, from the facts (delta false);</item>
    /// <item>with <paramref name="takeChanges"/>, the versions logged in dossier_count_changes since
    /// the last round, which this statement takes out of the log (delta true; a replaced version
    /// has sign −1). One statement reads the facts and takes the log, so a change is in exactly
    /// one of them.</item>
    /// </list>
    /// </summary>
    public static string OwnCountRows(bool countPairs, bool takeChanges)
    {
        var parts = new List<string>();
        var rows = new List<string>();
        if (takeChanges)
        {
            parts.Add("taken AS (DELETE FROM dossier_count_changes RETURNING *)");
        }
        parts.Add(Calendar);
        if (countPairs)
        {
            parts.Add(CountedPairs);
            rows.Add($"SELECT false AS delta, {OwnCountRowColumns} FROM counted");
        }
        if (takeChanges)
        {
            parts.Add(Changed);
            rows.Add($"SELECT true AS delta, {OwnCountRowColumns} FROM changed");
        }
        return "WITH " + string.Join(",\n", parts) + "\n" + string.Join("\nUNION ALL\n", rows);
    }

    /// <summary>The conditions behind each of <see cref="OwnCountFlags"/>; one that is null leaves its bit unset.</summary>
    private static readonly (string Condition, OwnCountFlags Flag)[] FlagConditions =
    [
        ("channel = 2", OwnCountFlags.OnlineChannel), ("terminal_status IN (9, 10)", OwnCountFlags.EndedWithResult),
        ("supplement_count <= 1", OwnCountFlags.AtMostOneSupplement), ("fee_data", OwnCountFlags.FeeData),
        ("fee_bearing", OwnCountFlags.FeeBearing), ("paid_online", OwnCountFlags.PaidOnline),
        ("electronic_result", OwnCountFlags.ElectronicResult), ("result_digitised", OwnCountFlags.ResultDigitised),
        ("components_digitised", OwnCountFlags.ComponentsDigitised), ("reused", OwnCountFlags.Reused),
        ("personal_store", OwnCountFlags.PersonalStore), ("population_data", OwnCountFlags.PopulationData),
        ("negative_rating", OwnCountFlags.NegativeRating), ("complaint", OwnCountFlags.Complaint),
        ("online_level = 3", OwnCountFlags.FullOnlineLevel), ("full_online_eligible", OwnCountFlags.FullOnlineEligible),
        ("paper_result", OwnCountFlags.PaperResult),
    ];

    /// <summary>The columns of <see cref="OwnCountRows"/> after delta, in the order <see cref="OwnCountRow.Read"/> reads them.</summary>
    private static readonly string OwnCountRowColumns =
        "unit_code, procedure_code, received_at, terminal_at, open_supplement_at, changed_at, deadline, sign, "
        + string.Join(" | ", FlagConditions.Select(f => $"(CASE WHEN {f.Condition} THEN {(int)f.Flag} ELSE 0 END)")) + " AS flags";

    /// <summary>Every dossier of the pairs' units that can reach one of the pairs' months, with its deadline.</summary>
    private static readonly string CountedPairs = $"""
        bounds AS (
            SELECT min(period_start)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS from_at,
                   (max(period_start) + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS to_at
            FROM scoring_pairs),
        counted AS (
            SELECT f.*, 1::smallint AS sign, {ProcedureFields}, {Deadline("f")} AS deadline
            FROM bounds b CROSS JOIN calendar cal
            JOIN dossier_facts f ON f.received_at < b.to_at AND (f.terminal_at IS NULL OR f.terminal_at >= b.from_at)
            LEFT JOIN procedure_facts pf ON pf.code = f.procedure_code
            WHERE f.unit_code IN (SELECT unit_code FROM scoring_pairs))
        """;

    /// <summary>The logged versions taken, with their deadlines.</summary>
    private static readonly string Changed = $"""
        changed AS (
            SELECT c.*, {ProcedureFields}, {Deadline("c")} AS deadline
            FROM calendar cal CROSS JOIN (SELECT {FactSql.DossierColumns}, sign FROM taken) c
            LEFT JOIN procedure_facts pf ON pf.code = c.procedure_code)
        """;

    /// <summary>The pairs of scoring_pairs, each with its month's bounds.</summary>
    public static readonly string PairMonths = $"SELECT unit_code, period_start, {MonthBounds("period_start")} FROM scoring_pairs";

    /// <summary>Every month from the one holding @first to the one holding @last, with its bounds, in order.</summary>
    public static readonly string MonthsBetween = $"""
        SELECT m::date AS period_start, {MonthBounds("m::date")}
        FROM generate_series(date_trunc('month', @first::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh'),
                             date_trunc('month', @last::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh'), interval '1 month') m
        """;

    /// <summary>When each month of the given units was last counted from the facts.</summary>
    public const string CountedMonths = "SELECT unit_code, period_start, counted_at FROM counted_months WHERE unit_code = ANY(@units)";

    /// <summary>The columns of scoring_own and unit_counts after the key, in the order <see cref="OwnFigures"/> holds them.</summary>
    public static readonly string[] OwnCountFigures =
    [
        "received", "handled", "on_time_ended", "on_time_open", "finished", "handling_microseconds", "online_channel", "online",
        "fee_data", "fee_bearing", "paid_online", "paper_finished", "paper_electronic", "digitised_settled", "awaiting_month",
        "awaiting_quarter", "awaiting_year", "reused", "personal_store", "population_data", "satisfactory_ended",
        "satisfactory_open", "full_online", "full_online_eligible",
    ];

    public static readonly string OwnCountColumns = "unit_code, period_kind, period_start, procedure_code, " + string.Join(", ", OwnCountFigures);

    /// <summary>
    /// Stores the pairs of scoring_own counted from the facts: they replace the stored rows and take
    /// @now as their count time and @generation as their catalogue generation. Only the rows that
    /// differ are written: a recount mostly finds what was stored (a refresh, a second full
    /// recompute), and rewriting every row cost a second per 100,000 and left as many dead ones.
    /// </summary>
    public static readonly string StoreCountedPairs = $"""
        DELETE FROM unit_counts u USING scoring_pairs p
        WHERE u.unit_code = p.unit_code AND u.period_kind = p.period_kind AND u.period_start = p.period_start
          AND NOT EXISTS (SELECT 1 FROM scoring_own o
                          WHERE NOT o.delta AND o.unit_code = u.unit_code AND o.period_kind = u.period_kind
                            AND o.period_start = u.period_start AND o.procedure_code = u.procedure_code);
        INSERT INTO counted_months (unit_code, period_start, counted_at, generation)
        SELECT DISTINCT unit_code, period_start, @now::timestamptz, @generation FROM scoring_pairs
        ON CONFLICT (unit_code, period_start) DO UPDATE SET counted_at = excluded.counted_at, generation = excluded.generation;
        INSERT INTO unit_counts AS u ({OwnCountColumns})
        SELECT {OwnCountColumns} FROM scoring_own WHERE NOT delta
        ON CONFLICT (unit_code, period_kind, period_start, procedure_code) DO UPDATE SET
            {string.Join(", ", OwnCountFigures.Select(c => $"{c} = excluded.{c}"))}
        WHERE ({string.Join(", ", OwnCountFigures.Select(c => $"u.{c}"))})
              IS DISTINCT FROM ({string.Join(", ", OwnCountFigures.Select(c => $"excluded.{c}"))});
        """;

    /// <summary>
    /// Adds the changes in scoring_own to the stored own counts. A month they reach keeps the older
    /// of its catalogue generation and @generation: counted with an older catalogue, it is counted
    /// again when a round next reaches it.
    /// </summary>
    public static readonly string AddChanges = $"""
        INSERT INTO counted_months AS cm (unit_code, period_start, counted_at, generation)
        SELECT DISTINCT unit_code, period_start, '-infinity'::timestamptz, @generation FROM scoring_own WHERE delta
        ON CONFLICT (unit_code, period_start) DO UPDATE SET generation = LEAST(cm.generation, excluded.generation);
        INSERT INTO unit_counts AS u ({OwnCountColumns})
        SELECT {OwnCountColumns} FROM scoring_own WHERE delta
        ON CONFLICT (unit_code, period_kind, period_start, procedure_code) DO UPDATE SET
            {string.Join(", ", OwnCountFigures.Select(c => $"{c} = u.{c} + excluded.{c}"))}
        """;

    /// <summary>
    /// The own counts of every month of every target's period, for the target's unit and its whole
    /// subtree, read from <paramref name="ownCounts"/> and added up by <see cref="SubtreeSums"/>.
    /// </summary>
    public static string ReachedOwnCounts(string ownCounts) => "WITH " + Targets + ", " + Reached + $"""
        SELECT o.unit_code, o.period_start, o.procedure_code, {string.Join(", ", OwnCountFigures.Select(c => "o." + c))}
        FROM reached r
        JOIN {ownCounts} o ON o.unit_code = r.unit_code AND o.period_kind = r.period_kind AND o.period_start = r.period_start
        """;

    /// <summary>
    /// Feedback received or handled in the period. Its deadline is the one the source sent, or from
    /// receipt: 2 working days to refuse, 5 to ask for more, 15 to handle.
    /// </summary>
    public static readonly string FeedbackCounters = "WITH " + Targets + $"""
        ,
        {Calendar},
        -- Each item's deadline once, not again for every target whose subtree holds it; the calendar
        -- stays out of the join below, which would otherwise hash a copy of its arrays with every row.
        fb AS (
            SELECT f.*, COALESCE(f.deadline_at, {AddWorkingDays("f.received_at", "CASE f.outcome WHEN 2 THEN 2 WHEN 3 THEN 5 ELSE 15 END")}) AS deadline
            FROM calendar cal CROSS JOIN feedback_facts f
            WHERE f.unit_code IN (SELECT c.descendant FROM t JOIN unit_closure c ON c.ancestor = t.unit_code)
              AND f.received_at < (SELECT max(to_at) FROM t) AND (f.handled_at IS NULL OR f.handled_at >= (SELECT min(from_at) FROM t))
            OFFSET 0),
        s AS (
            SELECT t.unit_code AS target, t.period_kind, t.period_start, t.eval_at, f.*, f.received_at >= t.from_at AS received
            FROM t
            JOIN unit_closure c ON c.ancestor = t.unit_code
            JOIN fb f ON f.unit_code = c.descendant
                 AND f.received_at < t.to_at AND (f.handled_at IS NULL OR f.handled_at >= t.from_at)),
        j AS (
            SELECT s.*, (s.deadline IS NOT NULL AND CASE WHEN s.handled_at <= s.eval_at THEN s.handled_at <= s.deadline
                                                        ELSE s.eval_at <= s.deadline END) IS TRUE AS on_time
            FROM s)
        SELECT target, period_kind, period_start,
            count(*), count(*) FILTER (WHERE on_time), count(*) FILTER (WHERE received),
            count(*) FILTER (WHERE received AND on_time AND NOT dissatisfied AND NOT re_raised),
            count(*) FILTER (WHERE received AND kind = 1), count(*) FILTER (WHERE received AND kind = 2)
        FROM j
        GROUP BY target, period_kind, period_start
        """;

    public static readonly string[] FeedbackCounterNames =
    [
        Counters.FeedbackInScope, Counters.FeedbackOnTime, Counters.FeedbackReceived, Counters.FeedbackSatisfactory,
        Counters.FeedbackOnRules, Counters.FeedbackOnConduct,
    ];

    /// <summary>
    /// Units: communes in the subtree, those that issued electronic certified copies in the period,
    /// and the declared totals of the subtree's units (each unit declares its own office's total; a
    /// quarter or year it did not declare is the sum of its declared months).
    /// </summary>
    public const string UnitCounters = "WITH " + Targets + """
        ,
        declared AS (
            SELECT t.unit_code AS target, t.period_kind, t.period_start, c.descendant AS unit,
                   COALESCE(max(d.dossiers_received) FILTER (WHERE d.period_kind = t.period_kind AND d.period_start = t.period_start),
                            sum(d.dossiers_received) FILTER (WHERE d.period_kind = 1)) AS total
            FROM t
            JOIN unit_closure c ON c.ancestor = t.unit_code
            JOIN declared_totals d ON d.unit_code = c.descendant
                 AND d.period_start >= t.period_start AND (d.period_start::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') < t.to_at
            GROUP BY t.unit_code, t.period_kind, t.period_start, c.descendant),
        -- Each figure is made per target once and joined, not looked up per target: a lookup went
        -- through every target's rows again (0.6 s for the 2,765 targets of a full recompute), or,
        -- planned on a units table analysed before it was filled, every copy of every commune for
        -- each target (8 s).
        declared_sum AS (
            SELECT target, period_kind, period_start, sum(total) AS total FROM declared GROUP BY target, period_kind, period_start),
        communes AS (
            SELECT t.unit_code AS target, t.period_kind, t.period_start, c.descendant AS commune, t.from_at, t.to_at
            FROM t
            JOIN unit_closure c ON c.ancestor = t.unit_code
            JOIN units u ON u.code = c.descendant AND u.level = 'commune'),
        commune_counts AS (
            SELECT target, period_kind, period_start, count(*) AS communes,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM certified_copy_facts cc
                                                  WHERE cc.commune_code = m.commune AND cc.issued_at >= m.from_at
                                                    AND cc.issued_at < m.to_at)) AS with_copies
            FROM communes m
            GROUP BY target, period_kind, period_start)
        SELECT t.unit_code, t.period_kind, t.period_start, COALESCE(cs.communes, 0), COALESCE(cs.with_copies, 0), COALESCE(ds.total, 0)
        FROM t
        LEFT JOIN commune_counts cs ON cs.target = t.unit_code AND cs.period_kind = t.period_kind AND cs.period_start = t.period_start
        LEFT JOIN declared_sum ds ON ds.target = t.unit_code AND ds.period_kind = t.period_kind AND ds.period_start = t.period_start
        """;

    public static readonly string[] UnitCounterNames =
    [
        Counters.Communes, Counters.CommunesWithCertifiedCopies, Counters.DossiersDeclared,
    ];
}

using Hub.Scoring.Rules;

namespace Hub.Scoring;

/// <summary>Settings under "Scoring".</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>Which rule-set version is in force from which day (configuration "Scoring:RuleSets").</summary>
    // Empty by default: the configuration binder adds to a list it finds filled, it does not replace it.
    public IReadOnlyList<RuleSetSchedule> RuleSets { get; init; } = [];

    /// <summary>The configured schedule, or 766-v1 for all time when none is configured.</summary>
    public IReadOnlyList<RuleSetSchedule> Schedule => RuleSets.Count > 0 ? RuleSets : [new(new DateOnly(2000, 1, 1), "766-v1")];

    /// <summary>Targets recomputed per round: one set of SQL statements each.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>
    /// Targets per batch of a full recompute (--recompute, --verify). Every batch reads all the
    /// procedure and feedback facts whatever its size, so a full pass takes fewer, larger batches
    /// than the loop's rounds.
    /// </summary>
    public int RecomputeBatchSize { get; init; } = 10_000;

    /// <summary>How long the loop sleeps when nothing woke it (marks from other replicas are found then).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the running and just-ended periods of every unit are re-judged without an event:
    /// open dossiers become late as time passes.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether this replica runs the recompute loop. A replica that only answers queries may leave
    /// the rounds to the others; rounds of all replicas take turns anyway (one at a time per database).
    /// </summary>
    public bool RunRounds { get; init; } = true;

    /// <summary>How long a claimed batch stays reserved for the replica computing it.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(30);

    public string UnitsFile { get; init; } = "units.csv";

    public string HolidaysFile { get; init; } = "holidays.csv";

    public string RuleSetsFolder { get; init; } = "RuleSets";

    /// <summary>The years the working-day calendar covers; deadlines outside it cannot be judged.</summary>
    public int CalendarFirstYear { get; init; } = 2020;

    public int CalendarLastYear { get; init; } = 2035;
}

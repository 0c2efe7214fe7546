using Hub.Scoring.Rules;

namespace Hub.Scoring.Api;

/// <summary>
/// The rule-set versions the service ships and its schedule: a period is scored with the last
/// version whose <c>from</c> is on or before the period's first day. <c>inForce</c> is the version
/// for the current month.
/// </summary>
public sealed record RuleSetsResponse(
    string InForce,
    IReadOnlyList<RuleSetSchedule> Schedule,
    IReadOnlyList<RuleSetSummary> Versions);

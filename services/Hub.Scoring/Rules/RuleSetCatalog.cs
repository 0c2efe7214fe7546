using Hub.Scoring.Periods;

namespace Hub.Scoring.Rules;

/// <summary>
/// Every rule-set version the service ships, and which one is in force for a period: the last
/// scheduled version whose start is on or before the period's first day. Snapshots record the
/// version they were computed with, so changing the schedule never rewrites the past by itself.
/// </summary>
public sealed class RuleSetCatalog
{
    private readonly Dictionary<string, RuleSet> _versions;
    private readonly List<RuleSetSchedule> _schedule;

    public RuleSetCatalog(IEnumerable<RuleSet> ruleSets, IEnumerable<RuleSetSchedule> schedule)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(schedule);
        _versions = new(StringComparer.Ordinal);
        foreach (var ruleSet in ruleSets)
        {
            if (!_versions.TryAdd(ruleSet.Version, ruleSet))
            {
                throw new InvalidDataException($"rule set {ruleSet.Version} is shipped twice");
            }
        }
        _schedule = schedule.OrderBy(s => s.From).ToList();
        if (_schedule.Count == 0)
        {
            throw new InvalidDataException("Scoring:RuleSets schedules no rule set");
        }
        var unknown = _schedule.FirstOrDefault(s => !_versions.ContainsKey(s.Version));
        if (unknown is not null)
        {
            throw new InvalidDataException($"Scoring:RuleSets schedules {unknown.Version}, which is not shipped (shipped: {string.Join(", ", _versions.Keys)})");
        }
    }

    public IReadOnlyCollection<RuleSet> Versions => _versions.Values;

    public IReadOnlyList<RuleSetSchedule> Schedule => _schedule;

    public RuleSet? Find(string version) => _versions.GetValueOrDefault(version);

    public RuleSet InForce(Period period)
    {
        var entry = _schedule.LastOrDefault(s => s.From <= period.Start) ?? _schedule[0];
        return _versions[entry.Version];
    }
}

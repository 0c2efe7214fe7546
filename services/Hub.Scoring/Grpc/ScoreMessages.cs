using Google.Protobuf.WellKnownTypes;
using Hub.Scoring.Periods;
using Hub.Scoring.Rules;
using Hub.Scoring.Units;
using Proto = Hub.Scoring.V1;

namespace Hub.Scoring.Grpc;

/// <summary>Stored scores as hub.scoring.v1 messages.</summary>
public static class ScoreMessages
{
    public static Proto.UnitScore UnitScore(StoredScore stored, Unit unit, Period period, RuleSet? ruleSet)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(unit);
        var score = stored.Score;
        var message = new Proto.UnitScore
        {
            UnitCode = unit.Code,
            UnitName = unit.Name,
            UnitLevel = Level(unit.Level),
            Period = period.ToString(),
            PeriodKind = Kind(period.Kind),
            PeriodStart = Timestamp.FromDateTimeOffset(period.From),
            PeriodEnd = Timestamp.FromDateTimeOffset(period.To),
            RuleSetVersion = score.RuleSetVersion,
            Total = score.Total,
            MaxPoints = score.Groups.Sum(g => g.MaxPoints),
            Classification = Classification(score.Classification),
            ClassificationName = ruleSet?.Classification.FirstOrDefault(b => string.Equals(b.Code, score.Classification, StringComparison.Ordinal))?.Name ?? score.Classification,
            ComputedAt = Timestamp.FromDateTimeOffset(stored.ComputedAt),
            EvaluatedAt = Timestamp.FromDateTimeOffset(stored.EvaluatedAt),
            SnapshotId = stored.SnapshotId,
        };
        message.Groups.Add(score.Groups.Select(Group));
        foreach (var (name, value) in score.Counters)
        {
            message.Counters[name] = value;
        }
        return message;
    }

    public static Proto.ScoreChanged ScoreChanged(StoredChange change, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(unit);
        var message = new Proto.ScoreChanged
        {
            UnitCode = change.UnitCode,
            UnitName = unit.Name,
            UnitLevel = Level(unit.Level),
            Period = change.Period.ToString(),
            PeriodKind = Kind(change.Period.Kind),
            RuleSetVersion = change.RuleSet,
            Total = change.Total,
            Classification = Classification(change.Classification),
            PreviousClassification = change.PreviousClassification is null ? Proto.Classification.Unspecified : Classification(change.PreviousClassification),
            ComputedAt = Timestamp.FromDateTimeOffset(change.ComputedAt),
            SnapshotId = change.SnapshotId,
        };
        if (change.PreviousTotal is { } previous)
        {
            message.PreviousTotal = previous;
        }
        return message;
    }

    public static Proto.UnitLevel Level(string level) => level switch
    {
        UnitLevels.National => Proto.UnitLevel.National,
        UnitLevels.Ministry => Proto.UnitLevel.Ministry,
        UnitLevels.Province => Proto.UnitLevel.Province,
        UnitLevels.Department => Proto.UnitLevel.Department,
        UnitLevels.Commune => Proto.UnitLevel.Commune,
        _ => Proto.UnitLevel.Unspecified,
    };

    public static Proto.PeriodKind Kind(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => Proto.PeriodKind.Month,
        PeriodKind.Quarter => Proto.PeriodKind.Quarter,
        PeriodKind.Year => Proto.PeriodKind.Year,
        _ => Proto.PeriodKind.Unspecified,
    };

    /// <summary>The rule sets' band codes; a band a later rule set adds reads as unspecified until the enum learns it.</summary>
    public static Proto.Classification Classification(string code) => code switch
    {
        "EXCELLENT" => Proto.Classification.Excellent,
        "GOOD" => Proto.Classification.Good,
        "FAIR" => Proto.Classification.Fair,
        "AVERAGE" => Proto.Classification.Average,
        "WEAK" => Proto.Classification.Weak,
        _ => Proto.Classification.Unspecified,
    };

    private static Proto.GroupScore Group(Engine.GroupScore group)
    {
        var message = new Proto.GroupScore { Code = group.Code, Name = group.Name, Points = group.Points, MaxPoints = group.MaxPoints };
        message.Criteria.Add(group.Criteria.Select(Criterion));
        return message;
    }

    private static Proto.CriterionScore Criterion(Engine.CriterionScore criterion)
    {
        var message = new Proto.CriterionScore
        {
            Code = criterion.Code,
            Name = criterion.Name,
            NumeratorCounter = criterion.Numerator,
            DenominatorCounter = criterion.Denominator,
            Numerator = criterion.NumeratorValue,
            Denominator = criterion.DenominatorValue,
            Points = criterion.Points,
            MaxPoints = criterion.MaxPoints,
            Applicable = criterion.Applicable,
            RateMultipliedBy = criterion.RateMultipliedBy ?? string.Empty,
            Display = criterion.Display switch
            {
                CriterionDisplay.Percent => Proto.RateDisplay.Percent,
                CriterionDisplay.Average => Proto.RateDisplay.Average,
                _ => Proto.RateDisplay.Unspecified,
            },
        };
        if (criterion.Rate is { } rate)
        {
            message.Rate = rate;
        }
        if (criterion.Threshold is { } threshold)
        {
            message.Threshold = threshold;
        }
        return message;
    }
}

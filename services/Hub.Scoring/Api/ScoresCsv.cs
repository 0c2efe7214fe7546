namespace Hub.Scoring.Api;

/// <summary>The CSV form of each tabular response: one header row, one row per line of the JSON.</summary>
public static class ScoresCsv
{
    private static readonly string[] RowHead = ["rank", "unitCode", "unitName", "unitLevel", "total", "classification", "classificationName"];
    private static readonly string[] RowTail = ["previousTotal", "change", "ruleSetVersion", "computedAt"];

    public static CsvResult Ranking(RankingResponse ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return new CsvResult(Rows(ranking.Rows, ["period"], [ranking.Period]), $"ranking-{ranking.Level}-{ranking.Period}.csv");
    }

    public static CsvResult Children(ChildrenResponse children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return new CsvResult(Rows(children.Rows, ["parentCode", "period"], [children.UnitCode, children.Period]), $"children-{children.UnitCode}-{children.Period}.csv");
    }

    public static CsvResult Breakdown(UnitScoreResponse score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var csv = new CsvText([
            "unitCode", "period", "ruleSetVersion", "group", "groupName", "criterion", "criterionName",
            "numerator", "denominator", "rate", "points", "maxPoints", "threshold", "applicable", "numeratorCounter", "denominatorCounter",
        ]);
        foreach (var group in score.Groups)
        {
            foreach (var c in group.Criteria)
            {
                csv.Field(score.UnitCode).Field(score.Period).Field(score.RuleSetVersion).Field(group.Code).Field(group.Name)
                    .Field(c.Code).Field(c.Name).Field(c.Numerator).Field(c.Denominator).Field(c.Rate).Field(c.Points).Field(c.MaxPoints)
                    .Field(c.Threshold).Field(c.Applicable).Field(c.NumeratorCounter).Field(c.DenominatorCounter).EndRow();
            }
        }
        return new CsvResult(csv.ToString(), $"score-{score.UnitCode}-{score.Period}.csv");
    }

    public static CsvResult History(HistoryResponse history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var csv = new CsvText(["unitCode", "period", "total", "classification", "ruleSetVersion", "snapshotId", "computedAt"]);
        foreach (var point in history.Points)
        {
            csv.Field(history.UnitCode).Field(point.Period).Field(point.Total).Field(point.Classification).Field(point.RuleSetVersion)
                .Field(point.SnapshotId).Field(point.ComputedAt).EndRow();
        }
        return new CsvResult(csv.ToString(), $"history-{history.UnitCode}-{history.From}-{history.To}.csv");
    }

    public static CsvResult Snapshots(SnapshotsResponse snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var csv = new CsvText(["unitCode", "period", "snapshotId", "computedAt", "evaluatedAt", "total", "classification", "ruleSetVersion", "current"]);
        foreach (var s in snapshots.Snapshots)
        {
            csv.Field(snapshots.UnitCode).Field(snapshots.Period).Field(s.SnapshotId).Field(s.ComputedAt).Field(s.EvaluatedAt)
                .Field(s.Total).Field(s.Classification).Field(s.RuleSetVersion).Field(s.Current).EndRow();
        }
        return new CsvResult(csv.ToString(), $"snapshots-{snapshots.UnitCode}-{snapshots.Period}.csv");
    }

    /// <summary>Ranking-style lines: leading context columns, the row, one column per group (in first-seen order), then the change.</summary>
    private static string Rows(IReadOnlyList<ScoreRow> rows, IReadOnlyList<string> contextNames, IReadOnlyList<string> contextValues)
    {
        var groups = rows.Where(r => r.Groups is not null).SelectMany(r => r.Groups!.Keys).Distinct(StringComparer.Ordinal).ToList();
        var csv = new CsvText([.. contextNames, .. RowHead, .. groups, .. RowTail]);
        foreach (var row in rows)
        {
            foreach (var value in contextValues)
            {
                csv.Field(value);
            }
            csv.Field(row.Rank).Field(row.UnitCode).Field(row.UnitName).Field(row.UnitLevel).Field(row.Total)
                .Field(row.Classification).Field(row.ClassificationName);
            foreach (var group in groups)
            {
                csv.Field(row.Groups is not null && row.Groups.TryGetValue(group, out var points) ? points : null);
            }
            csv.Field(row.PreviousTotal).Field(row.Change).Field(row.RuleSetVersion).Field(row.ComputedAt).EndRow();
        }
        return csv.ToString();
    }
}

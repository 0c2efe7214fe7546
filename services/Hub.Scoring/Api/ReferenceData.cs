using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Scoring.Rules;
using Hub.Scoring.Units;

namespace Hub.Scoring.Api;

/// <summary>
/// The shipped reference data responses are dressed with (unit names and levels, rule sets and
/// their classification names), and its fingerprint, which every ETag includes: a release that
/// renames a unit or changes a rule set changes every tag.
/// </summary>
public sealed class ReferenceData
{
    public ReferenceData(UnitDirectory units, RuleSetCatalog ruleSets)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(ruleSets);
        Units = units;
        RuleSets = ruleSets;
        var text = new StringBuilder();
        foreach (var unit in units.All.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            text.Append(unit.Code).Append('\u001f').Append(unit.Parent).Append('\u001f').Append(unit.Level).Append('\u001f').Append(unit.Name).Append('\n');
        }
        foreach (var ruleSet in ruleSets.Versions.OrderBy(r => r.Version, StringComparer.Ordinal))
        {
            text.Append(JsonSerializer.Serialize(ruleSet, Engine.ScoreJson.Options)).Append('\n');
        }
        foreach (var entry in ruleSets.Schedule)
        {
            text.Append(JsonSerializer.Serialize(entry, Engine.ScoreJson.Options)).Append('\n');
        }
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    public UnitDirectory Units { get; }

    public RuleSetCatalog RuleSets { get; }

    public string Fingerprint { get; }

    public string NameOf(string unitCode) => Units.Find(unitCode)?.Name ?? unitCode;

    public string LevelOf(string unitCode) => Units.Find(unitCode)?.Level ?? "";

    /// <summary>The classification's display name ("Xuất sắc", …) under the rule set that produced it.</summary>
    public string? ClassificationName(string ruleSetVersion, string? classification) =>
        classification is null
            ? null
            : RuleSets.Find(ruleSetVersion)?.Classification.FirstOrDefault(b => string.Equals(b.Code, classification, StringComparison.Ordinal))?.Name;

    /// <summary>A stored score as a ranking or drill-down line.</summary>
    public ScoreRow Row(StoredScore score, int? rank)
    {
        ArgumentNullException.ThrowIfNull(score);
        var groups = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < score.GroupCodes.Count && i < score.GroupPoints.Count; i++)
        {
            groups[score.GroupCodes[i]] = ScoreRounding.Points(score.GroupPoints[i]);
        }
        return new ScoreRow(
            rank, score.UnitCode, NameOf(score.UnitCode), LevelOf(score.UnitCode),
            ScoreRounding.Points(score.Total), score.Classification, ClassificationName(score.RuleSetVersion, score.Classification),
            groups, ScoreRounding.Points(score.PreviousTotal), ScoreRounding.Change(score.Total, score.PreviousTotal),
            score.RuleSetVersion, score.ComputedAt);
    }

    /// <summary>A unit with no score for the period yet: its line in a drill-down.</summary>
    public ScoreRow Unscored(string unitCode) =>
        new(null, unitCode, NameOf(unitCode), LevelOf(unitCode), null, null, null, null, null, null, null, null);
}

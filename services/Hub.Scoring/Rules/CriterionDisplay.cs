namespace Hub.Scoring.Rules;

/// <summary>How a criterion's rate reads: a share (0–1), or an average (such as hours per dossier).</summary>
public static class CriterionDisplay
{
    public const string Percent = "percent";
    public const string Average = "average";
}

using Hub.Scoring.Engine;
using Hub.Scoring.Tests.Infrastructure;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>Assertions on one criterion of a stored score: its counters, rate and points.</summary>
internal static class CriterionAssert
{
    /// <summary>Applicable, with these counters and points (to 6 decimals).</summary>
    public static CriterionScore Scored(UnitScore? score, string code, double numerator, double denominator, double points)
    {
        Assert.NotNull(score);
        var criterion = score.Criterion(code);
        Assert.True(criterion.Applicable, $"{score.UnitCode} {score.Period} {code} should apply");
        Assert.True(numerator == criterion.NumeratorValue, $"{score.UnitCode} {score.Period} {code}: numerator {criterion.NumeratorValue}, expected {numerator}");
        Assert.True(denominator == criterion.DenominatorValue, $"{score.UnitCode} {score.Period} {code}: denominator {criterion.DenominatorValue}, expected {denominator}");
        Assert.True(Math.Abs(points - criterion.Points) < 5e-7, $"{score.UnitCode} {score.Period} {code}: {criterion.Points} points, expected {points}");
        return criterion;
    }

    /// <summary>Not applicable at the unit's level: full points, no rate.</summary>
    public static void NotApplicable(UnitScore? score, string code, double maxPoints)
    {
        Assert.NotNull(score);
        var criterion = score.Criterion(code);
        Assert.False(criterion.Applicable, $"{score.UnitCode} {code} should not apply");
        Assert.Null(criterion.Rate);
        Assert.Equal(maxPoints, criterion.MaxPoints);
        Assert.Equal(maxPoints, criterion.Points);
    }

    /// <summary>Applicable with an empty denominator: no rate, the criterion's empty value.</summary>
    public static void Empty(UnitScore? score, string code, double emptyPoints)
    {
        Assert.NotNull(score);
        var criterion = score.Criterion(code);
        Assert.True(criterion.Applicable, $"{score.UnitCode} {code} should apply");
        Assert.Equal(0, criterion.DenominatorValue);
        Assert.Null(criterion.Rate);
        Assert.Equal(emptyPoints, criterion.Points);
    }
}

using Hub.Scoring.Facts;
using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>TDGQ / ON_TIME (20 points, no threshold): dossiers handled early or on time ÷ dossiers received or handled.</summary>
public sealed class OnTimeTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    [Fact]
    public async Task Early_late_and_open_dossiers_of_a_closed_month_give_points_by_share()
    {
        // Commune 26737, March 2026 (closed: the clock is in June).
        // A: due 12 Mar, finished 10 Mar → on time. B: due 12 Mar, finished 13 Mar → late.
        // C: due 31 Mar 17:00, open at the month's end (31 Mar 24:00) → late. D: due 10 Apr, open → on time.
        var a = Dossier("ON-A", unit: "26737", received: Local(2026, 3, 2)) with { DueAt = Local(2026, 3, 12) };
        var b = Dossier("ON-B", unit: "26737", received: Local(2026, 3, 2)) with { DueAt = Local(2026, 3, 12) };
        var c = Dossier("ON-C", unit: "26737", received: Local(2026, 3, 2)) with { DueAt = Local(2026, 3, 31, 17) };
        var d = Dossier("ON-D", unit: "26737", received: Local(2026, 3, 20)) with { DueAt = Local(2026, 4, 10) };
        await fixture.Facts.WriteDossiersAsync(
            [FactDerivation.Dossier(a.FinishedAt(Local(2026, 3, 10))), FactDerivation.Dossier(b.FinishedAt(Local(2026, 3, 13))),
             FactDerivation.Dossier(c), FactDerivation.Dossier(d)],
            CancellationToken.None);
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("26737", "2026-03");

        Assert.NotNull(score);
        var onTime = score.Groups.Single(g => g.Code == "TDGQ").Criteria.Single(c => c.Code == "ON_TIME");
        Assert.Equal(2, onTime.NumeratorValue);
        Assert.Equal(4, onTime.DenominatorValue);
        Assert.Equal(10.0, onTime.Points, 6);
    }
}

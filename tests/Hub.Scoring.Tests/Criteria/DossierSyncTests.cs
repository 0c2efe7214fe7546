using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.RecordVariations;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// CKMB / DOSSIER_SYNC (6 points, no threshold, every level): dossiers synced with a receipt date in
/// the period ÷ the larger of that and the declared total of dossiers received. Each unit declares its
/// own office's total; a province compares its subtree's dossiers with the sum of its units'
/// declarations; a quarter nobody declared is the sum of its declared months.
/// </summary>
public sealed class DossierSyncTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly DateOnly February = new(2026, 2, 1);

    [Fact]
    public async Task Synced_dossiers_are_compared_with_the_larger_of_themselves_and_the_declared_total()
    {
        // 26734: 8 dossiers received in January, 10 declared; 2 in February, 5 declared.
        // 26737: 5 received in January, 4 declared (first declared 9, corrected to 4 by version 2).
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 8).Select(i => Dossier($"SYN-A{i}", unit: "26734", received: Local(2026, 1, 5 + i)))
            .Concat(Enumerable.Range(1, 2).Select(i => Dossier($"SYN-B{i}", unit: "26734", received: Local(2026, 2, 2 + i))))
            .Concat(Enumerable.Range(1, 5).Select(i => Dossier($"SYN-C{i}", unit: "26737", received: Local(2026, 1, 5 + i))))
            .ToArray());
        await fixture.Facts.WriteAsync(
            Declared("26734", 1, January, 10), Declared("26734", 1, February, 5), Declared("26737", 1, January, 9));
        await fixture.Facts.WriteAsync(Declared("26737", 1, January, 4, version: 2));
        await fixture.SettleAsync();

        // 26734, January: 8 ÷ max(8, 10) = 0.8 → 6 × 0.8 = 4.8.
        CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2026-01"), "DOSSIER_SYNC", 8, 10, 4.8);
        // 26737, January: 5 ÷ max(5, 4) = 1 → 6 (declaring fewer than were synced costs nothing).
        CriterionAssert.Scored(await fixture.ScoreAsync("26737", "2026-01"), "DOSSIER_SYNC", 5, 5, 6);
        // Province 79, January: its subtree's 13 dossiers ÷ max(13, 10 + 4) → 6 × 13/14 = 5.571429.
        CriterionAssert.Scored(await fixture.ScoreAsync("79", "2026-01"), "DOSSIER_SYNC", 13, 14, 6.0 * 13 / 14);
        // 26734, first quarter, no quarterly declaration: 10 ÷ max(10, 10 + 5) → 6 × 10/15 = 4.
        CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2026-Q1"), "DOSSIER_SYNC", 10, 15, 4);
    }

    [Fact]
    public async Task A_declared_quarter_prevails_over_the_sum_of_its_months()
    {
        // 00004: 4 dossiers received in January; January declared 3, the first quarter declared 20.
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 4).Select(i => Dossier($"SYN-H{i}", unit: "00004", received: Local(2026, 1, 5 + i))).ToArray());
        await fixture.Facts.WriteAsync(Declared("00004", 1, January, 3), Declared("00004", 2, January, 20));
        await fixture.SettleAsync();

        // January: 4 ÷ max(4, 3) → 6. First quarter: 4 ÷ max(4, 20) = 0.2 → 6 × 0.2 = 1.2.
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-01"), "DOSSIER_SYNC", 4, 4, 6);
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-Q1"), "DOSSIER_SYNC", 4, 20, 1.2);
    }

    [Fact]
    public async Task Nothing_synced_against_a_declared_total_is_a_rate_of_zero_and_nothing_at_all_is_empty()
    {
        // 79-STP declared 7 dossiers for February and synced none; BTP has nothing in February (marked by hand).
        await fixture.Facts.WriteAsync(Declared("79-STP", 1, February, 7));
        await ScoringQueries.MarkAsync(fixture.ConnectionString, ["BTP"], "2026-02");
        await fixture.SettleAsync();

        // 0 ÷ max(0, 7) = 0 → 0 points, with a rate of 0.
        var declaredOnly = CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2026-02"), "DOSSIER_SYNC", 0, 7, 0);
        Assert.Equal(0, declaredOnly.Rate);
        // 0 ÷ 0: empty → its empty value 0, no rate.
        CriterionAssert.Empty(await fixture.ScoreAsync("BTP", "2026-02"), "DOSSIER_SYNC", 0);
    }
}

using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.RecordVariations;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// CLGQ, online public services (766-v1): ONLINE_PROVISION (2, threshold 80 %), ONLINE_USED (4) and
/// ONLINE_SUBMISSION (6, threshold 50 %, multiplied by the DOSSIER_SYNC rate). A unit's procedures in
/// force are the active ones published by it, below it or above it (a commune works under its
/// province's catalogue); a ministry's serve the ministry alone, so its procedures are an island.
/// </summary>
public sealed class OnlineServiceTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private const int None = 1;
    private const int Partial = 2;
    private const int Full = 3;

    [Fact]
    public async Task Online_provision_and_use_count_the_procedures_in_force_for_the_unit()
    {
        // Province 01's catalogue: O1–O7 online (O1–O5 partial, O6–O7 full), F1–F3 not online, R1 online
        // but repealed. February 2026 dossiers (received 3 Feb unless said):
        //   commune 00004: O1 twice online; O2 once at the counter; F1 once online (not an online service);
        //                  R1 once online (not in force); O3 online on 20 January (another month).
        //   province 01's own office: O4 once online.
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 7).Select(i => Procedure($"3.10000{i}", "01").OnlineLevel(i <= 5 ? Partial : Full))
            .Concat(Enumerable.Range(1, 3).Select(i => Procedure($"3.20000{i}", "01").OnlineLevel(None)))
            .Append(Procedure("3.300001", "01").OnlineLevel(Partial).Repealed())
            .ToArray());
        var feb3 = Local(2026, 2, 3);
        await fixture.Facts.WriteAsync(
            Dossier("OU-1", unit: "00004", procedure: "3.100001", received: feb3).Online(),
            Dossier("OU-2", unit: "00004", procedure: "3.100001", received: feb3).Online(),
            Dossier("OU-3", unit: "00004", procedure: "3.100002", received: feb3),
            Dossier("OU-4", unit: "00004", procedure: "3.200001", received: feb3).Online(),
            Dossier("OU-5", unit: "00004", procedure: "3.300001", received: feb3).Online(),
            Dossier("OU-6", unit: "00004", procedure: "3.100003", received: Local(2026, 1, 20)).Online(),
            Dossier("OU-7", unit: "01", procedure: "3.100004", received: feb3).Online());
        await fixture.SettleAsync();

        var commune = await fixture.ScoreAsync("00004", "2026-02");
        var province = await fixture.ScoreAsync("01", "2026-02");

        // ONLINE_PROVISION: 7 online of the 10 in force (R1 is repealed) = 0.7 < 0.8 → 2 × 0.7 ÷ 0.8 = 1.75,
        // for the province and for its commune, which works under the province's catalogue.
        CriterionAssert.Scored(province, "ONLINE_PROVISION", 7, 10, 1.75);
        CriterionAssert.Scored(commune, "ONLINE_PROVISION", 7, 10, 1.75);
        // ONLINE_USED: online services with an online dossier received in February ÷ 7 online services.
        // The commune used O1 only (O2 at the counter, F1 is not an online service, R1 is not in force,
        // O3 was January) → 4 × 1/7; the province also counts its own office's O4 → 4 × 2/7.
        CriterionAssert.Scored(commune, "ONLINE_USED", 1, 7, 4.0 / 7);
        CriterionAssert.Scored(province, "ONLINE_USED", 2, 7, 8.0 / 7);
    }

    [Fact]
    public async Task Online_provision_at_and_above_the_threshold_earns_the_maximum_and_no_catalogue_is_empty()
    {
        // Ministry BTP: 4 of its 5 procedures online = 0.8, at the threshold → 2.
        // Commune 26734 publishes 9 online procedures and 1 not (nothing above it): 0.9 → 2.
        // Department 79-STP: no procedure in force at all (26734's serve 26734 and those above it) → empty, 0.
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 5).Select(i => Procedure($"3.40000{i}", "BTP").OnlineLevel(i <= 4 ? Partial : None))
            .Concat(Enumerable.Range(1, 10).Select(i => Procedure($"3.5000{i:00}", "26734").OnlineLevel(i <= 9 ? Full : None)))
            .ToArray());
        await fixture.Facts.WriteAsync(
            Dossier("OP-1", unit: "BTP", received: Local(2026, 2, 3)),
            Dossier("OP-2", unit: "26734", received: Local(2026, 2, 3)),
            Dossier("OP-3", unit: "79-STP", received: Local(2026, 2, 3)));
        await fixture.SettleAsync();

        CriterionAssert.Scored(await fixture.ScoreAsync("BTP", "2026-02"), "ONLINE_PROVISION", 4, 5, 2);
        CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2026-02"), "ONLINE_PROVISION", 9, 10, 2);
        var department = await fixture.ScoreAsync("79-STP", "2026-02");
        CriterionAssert.Empty(department, "ONLINE_PROVISION", 0);
        CriterionAssert.Empty(department, "ONLINE_USED", 0);
    }

    [Fact]
    public async Task Online_submission_counts_online_dossiers_with_an_electronic_result_where_the_result_is_paper_times_the_sync_rate()
    {
        // April 2026. Procedure 3.600001 returns no paper result; 3.600002 returns a paper one (both
        // published by commune 26737, whose catalogue no other test here reads).
        await fixture.Facts.WriteAsync(Procedure("3.600001", "26737"), Procedure("3.600002", "26737").PaperResult());
        var apr6 = Local(2026, 4, 6);
        // 26734: 10 received: 3 online of 3.600001; 2 online of 3.600002, one with an electronic result;
        //        5 at the counter. Online = 3 + 1 = 4. It declared 16 received.
        // 26737: 10 received: 6 online, 4 at the counter; no declaration.
        // 00004: 10 received: 6 online, 4 at the counter; declared 12.
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 3).Select(i => Dossier($"OS-A{i}", unit: "26734", procedure: "3.600001", received: apr6).Online())
            .Append(Dossier("OS-A4", unit: "26734", procedure: "3.600002", received: apr6).Online().WithResult(electronicFile: true))
            .Append(Dossier("OS-A5", unit: "26734", procedure: "3.600002", received: apr6).Online().WithResult(electronicFile: false))
            .Concat(Enumerable.Range(6, 5).Select(i => Dossier($"OS-A{i}", unit: "26734", procedure: "3.600001", received: apr6)))
            .Concat(Enumerable.Range(1, 10).Select(i => OnlineIf(i <= 6, Dossier($"OS-B{i}", unit: "26737", procedure: "3.600001", received: apr6))))
            .Concat(Enumerable.Range(1, 10).Select(i => OnlineIf(i <= 6, Dossier($"OS-H{i}", unit: "00004", procedure: "3.600001", received: apr6))))
            .ToArray());
        await fixture.Facts.WriteAsync(Declared("26734", 1, new DateOnly(2026, 4, 1), 16), Declared("00004", 1, new DateOnly(2026, 4, 1), 12));
        await fixture.SettleAsync();

        // 26734: DOSSIER_SYNC 10 ÷ 16 = 0.625 → 3.75; ONLINE_SUBMISSION 4/10 × 0.625 = 0.25 < 0.5 → 6 × 0.25 ÷ 0.5 = 3.
        var below = await fixture.ScoreAsync("26734", "2026-04");
        CriterionAssert.Scored(below, "DOSSIER_SYNC", 10, 16, 3.75);
        var submission = CriterionAssert.Scored(below, "ONLINE_SUBMISSION", 4, 10, 3);
        Assert.Equal(0.25, submission.Rate!.Value, 9);
        // 26737: 6/10 × 1 = 0.6 ≥ 0.5 → 6 (above the threshold).
        CriterionAssert.Scored(await fixture.ScoreAsync("26737", "2026-04"), "ONLINE_SUBMISSION", 6, 10, 6);
        // 00004: 6/10 × 10/12 = 0.5, at the threshold → 6.
        var at = CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-04"), "ONLINE_SUBMISSION", 6, 10, 6);
        Assert.Equal(0.5, at.Rate!.Value, 9);
        // Province 79: 10 online of 20 received; declared 16 (26734's) < 20 synced, so DOSSIER_SYNC = 1
        // and the rate is 0.5 → 6.
        var province = await fixture.ScoreAsync("79", "2026-04");
        CriterionAssert.Scored(province, "DOSSIER_SYNC", 20, 20, 6);
        CriterionAssert.Scored(province, "ONLINE_SUBMISSION", 10, 20, 6);
    }

    private static Contracts.Sync.DossierState OnlineIf(bool online, Contracts.Sync.DossierState dossier) => online ? dossier.Online() : dossier;
}

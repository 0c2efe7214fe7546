using Hub.Contracts.Sync;
using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// MDSH, digitisation (March 2026 throughout, each criterion on units of its own):
/// ELECTRONIC_RESULT (6), DIGITISED_DOSSIER (4, threshold 80 %), CERTIFIED_COPY (2), REUSE (2,
/// threshold 80 %), PERSONAL_STORE (4), POPULATION_DATA_PROCEDURES (2) and POPULATION_DATA_DOSSIERS (2),
/// the last two at province level only.
/// </summary>
public sealed class DigitisationTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private const string PaperResult = "7.000001";
    private const string NoPaperResult = "7.000002";

    private async Task CatalogueAsync() =>
        // Published by ministry BTP, whose catalogue serves BTP alone; the deadline and paper-result
        // joins read a procedure wherever it was published.
        await fixture.Facts.WriteAsync(Procedure(PaperResult, "BTP").PaperResult(), Procedure(NoPaperResult, "BTP"));

    [Fact]
    public async Task Electronic_results_are_counted_among_finished_dossiers_of_paper_result_procedures()
    {
        await CatalogueAsync();
        // Commune 26734, received 2 March unless said:
        //   e1 paper, finished 10 Mar with an electronic result ✓     e2 paper, result returned 12 Mar, electronic ✓
        //   e3 paper, finished 11 Mar, paper only ✗                     e4 paper, still open → not finished, not counted
        //   e5 paper, withdrawn 5 Mar → not finished, not counted       e6 no paper result, finished → not counted
        //   e7 paper, received 20 Feb, finished 3 Mar, paper only ✗ (finished in March)
        var mar2 = Local(2026, 3, 2);
        await fixture.Facts.WriteAsync(
            Dossier("ER-1", unit: "26734", procedure: PaperResult, received: mar2).WithResult(electronicFile: true).FinishedAt(Local(2026, 3, 10)),
            Dossier("ER-2", unit: "26734", procedure: PaperResult, received: mar2).WithResult(electronicFile: true).EndedAt(10, Local(2026, 3, 12)),
            Dossier("ER-3", unit: "26734", procedure: PaperResult, received: mar2).WithResult(electronicFile: false).FinishedAt(Local(2026, 3, 11)),
            Dossier("ER-4", unit: "26734", procedure: PaperResult, received: mar2),
            Dossier("ER-5", unit: "26734", procedure: PaperResult, received: mar2).EndedAt(7, Local(2026, 3, 5)),
            Dossier("ER-6", unit: "26734", procedure: NoPaperResult, received: mar2).WithResult(electronicFile: false).FinishedAt(Local(2026, 3, 10)),
            Dossier("ER-7", unit: "26734", procedure: PaperResult, received: Local(2026, 2, 20)).WithResult(electronicFile: false).FinishedAt(Local(2026, 3, 3)));
        await fixture.SettleAsync();

        // e1, e2 of e1, e2, e3, e7 → 6 × 2/4 = 3.
        CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2026-03"), "ELECTRONIC_RESULT", 2, 4, 3);
    }

    [Fact]
    public async Task Digitised_and_reusing_dossiers_below_their_threshold()
    {
        await CatalogueAsync();
        // Commune 26737, 10 dossiers received 2 March:
        //   g1–g4: no paper result, two digitised components, one of them reused data       → digitised, reusing
        //   g5:    no paper result, two digitised components                                 → digitised
        //   g6:    one of two components not digitised ✗      g7: no components at all ✗
        //   g8:    paper result, components digitised, finished with its result digitised   → digitised
        //   g9:    paper result, components digitised, finished, result not digitised ✗
        //   g10:   paper result, components digitised, still open (no result due yet)        → digitised
        var mar2 = Local(2026, 3, 2);
        DossierState Plain(string code, string procedure = NoPaperResult) => Dossier(code, unit: "26737", procedure: procedure, received: mar2);
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 4).Select(i => Plain($"DG-{i}").WithComponent(true, reused: true).WithComponent(true))
            .Append(Plain("DG-5").WithComponent(true).WithComponent(true))
            .Append(Plain("DG-6").WithComponent(true).WithComponent(false))
            .Append(Plain("DG-7"))
            .Append(Plain("DG-8", PaperResult).WithComponent(true).WithResult(false, digitised: true).FinishedAt(Local(2026, 3, 10)))
            .Append(Plain("DG-9", PaperResult).WithComponent(true).WithResult(false, digitised: false).FinishedAt(Local(2026, 3, 10)))
            .Append(Plain("DG-10", PaperResult).WithComponent(true))
            .ToArray());
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("26737", "2026-03");

        // DIGITISED_DOSSIER: g1–g5, g8, g10 = 7/10 = 0.7 < 0.8 → 4 × 0.7 ÷ 0.8 = 3.5.
        CriterionAssert.Scored(score, "DIGITISED_DOSSIER", 7, 10, 3.5);
        // REUSE: g1–g4 = 4/10 = 0.4 < 0.8 → 2 × 0.4 ÷ 0.8 = 1.
        CriterionAssert.Scored(score, "REUSE", 4, 10, 1);
        // PERSONAL_STORE: none → 0.
        CriterionAssert.Scored(score, "PERSONAL_STORE", 0, 10, 0);
    }

    [Fact]
    public async Task A_paper_result_still_to_come_counts_by_the_period_the_dossier_was_received_in()
    {
        await CatalogueAsync();
        // Department 79-STP, first half of 2025 (closed), every dossier of a paper-result procedure
        // with its components digitised. A dossier still waiting for its result counts as digitised
        // in every period it was received in, if the period ends before the result comes.
        //   q1: received 10 Jan, finished 10 Feb, result not digitised: digitised in January (open at
        //       its end), not in February (not received there), not in Q1 or 2025 (ended by then) ✗
        //   q2: received 20 Mar, finished 5 Apr, result not digitised: digitised in March and Q1, not
        //       in April or Q2 (not received there), not in 2025 ✗
        //   q3: received 5 May, finished 10 May, result digitised: digitised everywhere ✓
        //   q4: received 25 Jun, still open: digitised in June, Q2 and 2025 ✓
        await fixture.Facts.WriteAsync(
            Dossier("DQ-1", unit: "79-STP", procedure: PaperResult, received: Local(2025, 1, 10)).WithComponent(true)
                .WithResult(false, digitised: false).FinishedAt(Local(2025, 2, 10)),
            Dossier("DQ-2", unit: "79-STP", procedure: PaperResult, received: Local(2025, 3, 20)).WithComponent(true)
                .WithResult(false, digitised: false).FinishedAt(Local(2025, 4, 5)),
            Dossier("DQ-3", unit: "79-STP", procedure: PaperResult, received: Local(2025, 5, 5)).WithComponent(true)
                .WithResult(false, digitised: true).FinishedAt(Local(2025, 5, 10)),
            Dossier("DQ-4", unit: "79-STP", procedure: PaperResult, received: Local(2025, 6, 25)).WithComponent(true));
        await fixture.SettleAsync();

        // January 1/1 ≥ 80 % → 4; Q1 (judged 1 Apr): q2 of q1, q2 → 1/2 → 4 × 0.5 ÷ 0.8 = 2.5;
        // Q2: q3, q4 of q3, q4 → 4; 2025 (judged 1 Jan 2026): q3, q4 of all four → 2.5.
        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2025-01"), "DIGITISED_DOSSIER", 1, 1, 4);
        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2025-Q1"), "DIGITISED_DOSSIER", 1, 2, 2.5);
        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2025-Q2"), "DIGITISED_DOSSIER", 2, 2, 4);
        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2025"), "DIGITISED_DOSSIER", 2, 4, 2.5);
        // The year's handled dossiers are its four, once each, though q1 and q2 span two months.
        Assert.Equal(4, (await fixture.ScoreAsync("79-STP", "2025"))!.Counters["dossiers_handled"]);
    }

    [Fact]
    public async Task Digitised_dossiers_at_their_threshold_earn_the_maximum()
    {
        // Department 79-STP: 8 of 10 dossiers digitised = 0.8 → 4.
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 10)
            .Select(i => Dossier($"DT-{i}", unit: "79-STP", procedure: NoPaperResult, received: Local(2026, 3, 2)).WithComponent(i <= 8))
            .ToArray());
        await fixture.SettleAsync();

        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2026-03"), "DIGITISED_DOSSIER", 8, 10, 4);
    }

    [Fact]
    public async Task Reuse_above_its_threshold_and_the_personal_data_store_either_way()
    {
        // Ministry BTP, 10 dossiers received 2 March:
        //   b1–b9 reuse digitised data; b1, b2, b3 take a component from the personal data store;
        //   b3 and b10 push their result to it (b10 finished 10 March).
        var mar2 = Local(2026, 3, 2);
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 10).Select(i =>
        {
            var d = Dossier($"PS-{i}", unit: "BTP", procedure: NoPaperResult, received: mar2)
                .WithComponent(digitised: true, reused: i <= 9, fromPersonalStore: i <= 3);
            return i is 3 ? d.WithResult(true, pushedToPersonalStore: true)
                : i is 10 ? d.WithResult(true, pushedToPersonalStore: true).FinishedAt(Local(2026, 3, 10))
                : d;
        }).ToArray());
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("BTP", "2026-03");

        // REUSE: 9/10 = 0.9 ≥ 0.8 → 2.
        CriterionAssert.Scored(score, "REUSE", 9, 10, 2);
        // PERSONAL_STORE: b1, b2, b3 (component or result), b10 (result) = 4/10 → 4 × 0.4 = 1.6.
        CriterionAssert.Scored(score, "PERSONAL_STORE", 4, 10, 1.6);
    }

    [Fact]
    public async Task Population_data_criteria_count_at_a_province_and_do_not_apply_at_a_commune()
    {
        // Province 01's catalogue: C1–C3 for citizens, E1 for enterprises, C4 for citizens but repealed.
        await fixture.Facts.WriteAsync(
            Procedure("7.100001", "01"), Procedure("7.100002", "01"), Procedure("7.100003", "01"),
            Procedure("7.100004", "01") with { Subjects = [2] },
            Procedure("7.100005", "01").Repealed());
        // March: commune 00004 receives C1 with VNeID, C2 with population data, C3 with neither, E1 with
        // VNeID, C4 with VNeID; the province's own office receives C3 with neither.
        var mar2 = Local(2026, 3, 2);
        await fixture.Facts.WriteAsync(
            Dossier("PD-1", unit: "00004", procedure: "7.100001", received: mar2) with { VneidAuthenticated = true },
            Dossier("PD-2", unit: "00004", procedure: "7.100002", received: mar2) with { PopulationDataUsed = true },
            Dossier("PD-3", unit: "00004", procedure: "7.100003", received: mar2),
            Dossier("PD-4", unit: "00004", procedure: "7.100004", received: mar2) with { VneidAuthenticated = true },
            Dossier("PD-5", unit: "00004", procedure: "7.100005", received: mar2) with { VneidAuthenticated = true },
            Dossier("PD-6", unit: "01", procedure: "7.100003", received: mar2));
        await fixture.SettleAsync();

        var province = await fixture.ScoreAsync("01", "2026-03");

        // POPULATION_DATA_PROCEDURES: citizen procedures in force C1, C2, C3 (E1 is not for citizens, C4 is
        // repealed); with a dossier using population data: C1, C2 → 2 × 2/3 = 1.333333.
        CriterionAssert.Scored(province, "POPULATION_DATA_PROCEDURES", 2, 3, 2.0 * 2 / 3);
        // POPULATION_DATA_DOSSIERS: PD-1, PD-2, PD-4, PD-5 of the 6 received → 2 × 4/6 = 1.333333.
        CriterionAssert.Scored(province, "POPULATION_DATA_DOSSIERS", 4, 6, 2.0 * 4 / 6);
        // At the commune and the nation neither applies: full points.
        foreach (var unit in new[] { "00004", "VN" })
        {
            var score = await fixture.ScoreAsync(unit, "2026-03");
            CriterionAssert.NotApplicable(score, "POPULATION_DATA_PROCEDURES", 2);
            CriterionAssert.NotApplicable(score, "POPULATION_DATA_DOSSIERS", 2);
        }
    }

    [Fact]
    public async Task Certified_copies_count_the_communes_that_issued_them()
    {
        // Two copies by commune 26734 in March, one by department 79-STP (not a commune: not
        // counted), one by commune 26737 in February, and a scanned component of 26737's in March
        // (not a copy: not stored). Every unit is marked for March and the first quarter so that
        // each has a score.
        await fixture.Facts.WriteAsync(
            CertifiedCopy("CC-1", "26734", Local(2026, 3, 5)), CertifiedCopy("CC-2", "26734", Local(2026, 3, 6)),
            CertifiedCopy("CC-3", "79-STP", Local(2026, 3, 6)), CertifiedCopy("CC-4", "26737", Local(2026, 2, 10)),
            CertifiedCopy("CC-5", "26737", Local(2026, 3, 10)).AsComponent(version: 1));
        await ScoringQueries.MarkAsync(fixture.ConnectionString, ["VN", "BTP", "79", "79-STP", "26734", "26737", "01", "00004"], "2026-03", "2026-Q1");
        await fixture.SettleAsync();

        // March: 26734 1/1 → 2; 26737 0/1 → 0; province 79 1 of its 2 communes → 1; province 01 0/1 → 0;
        // the nation 1 of 3 → 0.666667.
        CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2026-03"), "CERTIFIED_COPY", 1, 1, 2);
        CriterionAssert.Scored(await fixture.ScoreAsync("26737", "2026-03"), "CERTIFIED_COPY", 0, 1, 0);
        CriterionAssert.Scored(await fixture.ScoreAsync("79", "2026-03"), "CERTIFIED_COPY", 1, 2, 1);
        CriterionAssert.Scored(await fixture.ScoreAsync("01", "2026-03"), "CERTIFIED_COPY", 0, 1, 0);
        CriterionAssert.Scored(await fixture.ScoreAsync("VN", "2026-03"), "CERTIFIED_COPY", 1, 3, 2.0 / 3);
        // A department and a ministry have no communes: an empty denominator, worth its empty value 0
        // (the rule set makes the criterion apply at every level).
        CriterionAssert.Empty(await fixture.ScoreAsync("79-STP", "2026-03"), "CERTIFIED_COPY", 0);
        CriterionAssert.Empty(await fixture.ScoreAsync("BTP", "2026-03"), "CERTIFIED_COPY", 0);
        // First quarter: 26737's February copy counts too → 79 has 2 of 2 → 2; the nation 2 of 3.
        CriterionAssert.Scored(await fixture.ScoreAsync("79", "2026-Q1"), "CERTIFIED_COPY", 2, 2, 2);
        CriterionAssert.Scored(await fixture.ScoreAsync("26737", "2026-Q1"), "CERTIFIED_COPY", 1, 1, 2);
        CriterionAssert.Scored(await fixture.ScoreAsync("VN", "2026-Q1"), "CERTIFIED_COPY", 2, 3, 4.0 / 3);
        Assert.Equal(4, await fixture.ScalarAsync("SELECT count(*) FROM certified_copy_facts"));
    }

    [Fact]
    public async Task A_copy_that_is_no_longer_a_certified_copy_stops_counting_and_its_older_version_stays_out()
    {
        // Commune 00004 (province 01, its only commune) issued one copy on 4 April, a month no other
        // test here uses; its source then corrects the document to a scanned component (v2); the
        // copy version is delivered again late.
        var copy = CertifiedCopy("CW-1", "00004", Local(2026, 4, 4));
        // The writer marks the commune's month and its ancestors' itself.
        Assert.Equal(1, await fixture.Facts.WriteAsync(copy));
        await fixture.SettleAsync();
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-04"), "CERTIFIED_COPY", 1, 1, 2);
        CriterionAssert.Scored(await fixture.ScoreAsync("01", "2026-04"), "CERTIFIED_COPY", 1, 1, 2);

        Assert.Equal(1, await fixture.Facts.WriteAsync(copy.AsComponent(version: 2)));
        await fixture.SettleAsync();
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-04"), "CERTIFIED_COPY", 0, 1, 0);
        CriterionAssert.Scored(await fixture.ScoreAsync("01", "2026-04"), "CERTIFIED_COPY", 0, 1, 0);

        Assert.Equal(0, await fixture.Facts.WriteAsync(copy));
        await fixture.SettleAsync();
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-04"), "CERTIFIED_COPY", 0, 1, 0);
        Assert.Equal(2, await fixture.ScalarAsync("SELECT version FROM certified_copy_facts WHERE document_id = 'CW-1'"));
    }
}

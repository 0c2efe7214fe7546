using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// CKMB, the procedure-publication criteria (no threshold; province, ministry and, for the first and
/// third, national level): PUBLISH_ON_TIME (6), PUBLIC_UPDATE_ON_TIME (4), PUBLIC_CONTENT_FULL (2),
/// each over the procedures whose publication decision falls in the period. Deadlines are counted
/// in working days (holidays.csv): a province decides 5 working days before the legal basis takes
/// effect and makes public within 5 after the decision; a ministry 20 and 10.
/// </summary>
public sealed class PublicityTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    [Fact]
    public async Task A_provinces_procedures_are_on_time_by_five_working_days_either_side()
    {
        // Province 79, April 2026 (closed). Dates are local midnights.
        // P1: effective Mon 20 Apr; 5 working days before = Mon 13 Apr; decided 13 Apr → on time.
        //     5 working days after 13 Apr = Mon 20 Apr; made public 20 Apr → on time. Full content.
        // P2: effective 20 Apr, decided Tue 14 Apr → late; made public 14 Apr → on time.
        // P3: decided Fri 24 Apr, effective 15 May → on time. 5 working days after 24 Apr skip
        //     Mon 27 Apr (Hùng Kings, nghỉ bù), 30 Apr and 1 May (holidays) and two weekends:
        //     28, 29 Apr, 4, 5, 6 May → made public Wed 6 May → on time (by calendar days it would be late). Full content.
        // P4: as P3, made public Thu 7 May → late.
        // P5: effective Mon 6 Apr (5 working days before: Mon 30 Mar), decided Thu 2 Apr → late; never made public → late.
        // P6: decided in March → not published in April.
        await fixture.Facts.WriteAsync(
            Procedure("1.100001", "79").Published(Local(2026, 4, 13, 0), Local(2026, 4, 20, 0), Local(2026, 4, 20, 0)).ContentFull(),
            Procedure("1.100002", "79").Published(Local(2026, 4, 14, 0), Local(2026, 4, 20, 0), Local(2026, 4, 14, 0)),
            Procedure("1.100003", "79").Published(Local(2026, 4, 24, 0), Local(2026, 5, 15, 0), Local(2026, 5, 6, 0)).ContentFull(),
            Procedure("1.100004", "79").Published(Local(2026, 4, 24, 0), Local(2026, 5, 15, 0), Local(2026, 5, 7, 0)),
            Procedure("1.100005", "79").Published(Local(2026, 4, 2, 0), Local(2026, 4, 6, 0), null),
            Procedure("1.100006", "79").Published(Local(2026, 3, 20, 0), Local(2026, 4, 20, 0), Local(2026, 3, 20, 0)).ContentFull());
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("79", "2026-04");

        Assert.NotNull(score);
        // PUBLISH_ON_TIME: P1, P3, P4 of 5 → 6 × 3/5 = 3.6.
        CriterionAssert.Scored(score, "PUBLISH_ON_TIME", 3, 5, 3.6);
        // PUBLIC_UPDATE_ON_TIME: P1, P2, P3 of 5 → 4 × 3/5 = 2.4.
        CriterionAssert.Scored(score, "PUBLIC_UPDATE_ON_TIME", 3, 5, 2.4);
        // PUBLIC_CONTENT_FULL: P1, P3 of 5 → 2 × 2/5 = 0.8.
        CriterionAssert.Scored(score, "PUBLIC_CONTENT_FULL", 2, 5, 0.8);

        // The nation counts the same procedures; PUBLIC_UPDATE_ON_TIME does not apply there (full 4).
        var national = await fixture.ScoreAsync("VN", "2026-04");
        Assert.NotNull(national);
        CriterionAssert.Scored(national, "PUBLISH_ON_TIME", 3, 5, 3.6);
        CriterionAssert.NotApplicable(national, "PUBLIC_UPDATE_ON_TIME", 4);
    }

    [Fact]
    public async Task A_ministry_has_twenty_working_days_before_and_ten_after_where_a_province_has_five_and_five()
    {
        // March 2026 (no holidays). The same dates for ministry BTP and province 01:
        // decided Tue 10 Mar, legal basis effective Wed 1 Apr, made public Fri 20 Mar.
        //   Ministry: 20 working days before 1 Apr = Wed 4 Mar → 10 Mar is late; 10 working days after
        //             10 Mar = Tue 24 Mar → 20 Mar is on time.
        //   Province: 5 working days before 1 Apr = Wed 25 Mar → on time; 5 after 10 Mar = Tue 17 Mar → 20 Mar is late.
        // A second ministry procedure exactly on both limits: decided Wed 4 Mar, effective 1 Apr, made public
        // Wed 18 Mar (10 working days after 4 Mar) → on time twice.
        await fixture.Facts.WriteAsync(
            Procedure("1.200001", "BTP").Published(Local(2026, 3, 10, 0), Local(2026, 4, 1, 0), Local(2026, 3, 20, 0)),
            Procedure("1.200002", "BTP").Published(Local(2026, 3, 4, 0), Local(2026, 4, 1, 0), Local(2026, 3, 18, 0)),
            Procedure("1.200003", "01").Published(Local(2026, 3, 10, 0), Local(2026, 4, 1, 0), Local(2026, 3, 20, 0)));
        await fixture.SettleAsync();

        var ministry = await fixture.ScoreAsync("BTP", "2026-03");
        var province = await fixture.ScoreAsync("01", "2026-03");

        Assert.NotNull(ministry);
        Assert.NotNull(province);
        // Ministry: published on time 1 of 2 → 6 × 0.5 = 3; made public on time 2 of 2 → 4; content full 0 of 2 → 0.
        CriterionAssert.Scored(ministry, "PUBLISH_ON_TIME", 1, 2, 3);
        CriterionAssert.Scored(ministry, "PUBLIC_UPDATE_ON_TIME", 2, 2, 4);
        CriterionAssert.Scored(ministry, "PUBLIC_CONTENT_FULL", 0, 2, 0);
        // Province: published on time 1 of 1 → 6; made public on time 0 of 1 → 0.
        CriterionAssert.Scored(province, "PUBLISH_ON_TIME", 1, 1, 6);
        CriterionAssert.Scored(province, "PUBLIC_UPDATE_ON_TIME", 0, 1, 0);
    }

    [Fact]
    public async Task Below_the_province_the_publication_criteria_do_not_apply_and_without_publications_they_are_empty()
    {
        // February 2026. Commune 26734 publishes a procedure late (no legal basis date, never made public);
        // dossiers mark the commune, department 79-STP and commune 00004 (so province 01) for February.
        await fixture.Facts.WriteAsync(Procedure("1.300001", "26734").Published(Local(2026, 2, 10, 0), null, null));
        await fixture.Facts.WriteAsync(
            Dossier("PUB-C1", unit: "26734", received: Local(2026, 2, 3)),
            Dossier("PUB-D1", unit: "79-STP", received: Local(2026, 2, 3)),
            Dossier("PUB-H1", unit: "00004", received: Local(2026, 2, 3)));
        await fixture.SettleAsync();

        // Commune and department: not applicable → full points, no rate.
        foreach (var unit in new[] { "26734", "79-STP" })
        {
            var score = await fixture.ScoreAsync(unit, "2026-02");
            Assert.NotNull(score);
            CriterionAssert.NotApplicable(score, "PUBLISH_ON_TIME", 6);
            CriterionAssert.NotApplicable(score, "PUBLIC_UPDATE_ON_TIME", 4);
            CriterionAssert.NotApplicable(score, "PUBLIC_CONTENT_FULL", 2);
        }

        // The province's figures include its commune's publication: 0 of 1 on time → 0.
        var province = await fixture.ScoreAsync("79", "2026-02");
        Assert.NotNull(province);
        CriterionAssert.Scored(province, "PUBLISH_ON_TIME", 0, 1, 0);

        // Province 01 published nothing in February: empty denominators → 0 points, no rate.
        var empty = await fixture.ScoreAsync("01", "2026-02");
        Assert.NotNull(empty);
        CriterionAssert.Empty(empty, "PUBLISH_ON_TIME", 0);
        CriterionAssert.Empty(empty, "PUBLIC_UPDATE_ON_TIME", 0);
        CriterionAssert.Empty(empty, "PUBLIC_CONTENT_FULL", 0);
    }
}

using Hub.Scoring.Facts;
using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// TDGQ / ON_TIME (20 points, no threshold): dossiers handled early or on time ÷ dossiers received or
/// handled in the period; and AVG_TIME (shown, not scored): handling hours ÷ finished dossiers.
/// Each test has its own units and periods: open dossiers stay "handled" in every later period.
/// </summary>
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

    [Fact]
    public async Task One_supplement_extends_the_deadline_by_its_wait_and_a_second_makes_the_dossier_late()
    {
        // Commune 26734, March 2026. All received Mon 2 Mar 09:00 and due Thu 12 Mar 09:00 but S4.
        // S1: one supplement, requested 4 Mar 09:00, completed 7 Mar 09:00 (3 days not counted):
        //     deadline 15 Mar 09:00; finished 14 Mar 09:00 → on time.
        // S5: the same finish without a supplement → late (the control).
        // S2: two supplements (4→5 Mar, 6→7 Mar), finished early on 10 Mar → late: more than one request.
        // S3: one supplement (3 days), finished 16 Mar 09:00 > 15 Mar 09:00 → late.
        // S4: received 20 Mar, due 30 Mar; a supplement requested 25 Mar is still unanswered at the
        //     month's end: it waits for the applicant since before its due date → on time.
        var received = Local(2026, 3, 2);
        var due = Local(2026, 3, 12);
        await fixture.Facts.WriteAsync(
            Dossier("SUP-1", unit: "26734", received: received).Due(due)
                .WithSupplement(Local(2026, 3, 4), Local(2026, 3, 7)).FinishedAt(Local(2026, 3, 14)),
            Dossier("SUP-5", unit: "26734", received: received).Due(due).FinishedAt(Local(2026, 3, 14)),
            Dossier("SUP-2", unit: "26734", received: received).Due(due)
                .WithSupplement(Local(2026, 3, 4), Local(2026, 3, 5)).WithSupplement(Local(2026, 3, 6), Local(2026, 3, 7))
                .FinishedAt(Local(2026, 3, 10)),
            Dossier("SUP-3", unit: "26734", received: received).Due(due)
                .WithSupplement(Local(2026, 3, 4), Local(2026, 3, 7)).FinishedAt(Local(2026, 3, 16)),
            Dossier("SUP-4", unit: "26734", received: Local(2026, 3, 20)).Due(Local(2026, 3, 30))
                .WithSupplement(Local(2026, 3, 25), null));
        await fixture.SettleAsync();

        // On time: S1, S4 of 5 handled → 20 × 2/5 = 8.
        CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2026-03"), "ON_TIME", 2, 5, 8);
    }

    [Fact]
    public async Task A_dossier_without_a_due_date_is_judged_by_the_procedures_legal_time()
    {
        // Commune 00004, May 2026; no dossier has a due date. Procedures: 2 working days, 2 calendar
        // days, 8 hours, 1 month.
        await fixture.Facts.WriteAsync(
            Procedure("2.000001", "01").ProcessedIn(2, 3),
            Procedure("2.000002", "01").ProcessedIn(2, 2),
            Procedure("2.000003", "01").ProcessedIn(8, 1),
            Procedure("2.000004", "01").ProcessedIn(1, 4));
        // W1, W2: received Wed 29 Apr 09:00 with 2 working days. 30 Apr and 1 May are holidays, 2–3 May
        //         a weekend: Mon 4 May is the first working day, Tue 5 May the second → deadline 5 May 09:00.
        //         W1 finished 5 May 08:00 → on time (2 calendar days would have made it late); W2 at 10:00 → late.
        // D1, D2: received 29 Apr 09:00 with 2 calendar days → deadline 1 May 09:00: D1 at 08:00 on time, D2 at 10:00 late.
        // H1:     received Mon 4 May 09:00 with 8 hours → deadline 17:00; finished 16:00 → on time.
        // M1:     received Fri 1 May 03:00 local (30 Apr 20:00 UTC) with 1 month → deadline 1 Jun 03:00 local;
        //         finished 31 May 10:00 → on time (a month counted in UTC would end on 31 May 03:00 local).
        // U1:     a procedure the catalogue does not know, and no due date: no deadline to meet → late.
        var apr29 = Local(2026, 4, 29);
        await fixture.Facts.WriteAsync(
            Dossier("NDD-W1", unit: "00004", procedure: "2.000001", received: apr29).Due(null).FinishedAt(Local(2026, 5, 5, 8)),
            Dossier("NDD-W2", unit: "00004", procedure: "2.000001", received: apr29).Due(null).FinishedAt(Local(2026, 5, 5, 10)),
            Dossier("NDD-D1", unit: "00004", procedure: "2.000002", received: apr29).Due(null).FinishedAt(Local(2026, 5, 1, 8)),
            Dossier("NDD-D2", unit: "00004", procedure: "2.000002", received: apr29).Due(null).FinishedAt(Local(2026, 5, 1, 10)),
            Dossier("NDD-H1", unit: "00004", procedure: "2.000003", received: Local(2026, 5, 4)).Due(null).FinishedAt(Local(2026, 5, 4, 16)),
            Dossier("NDD-M1", unit: "00004", procedure: "2.000004", received: Local(2026, 5, 1, 3)).Due(null).FinishedAt(Local(2026, 5, 31, 10)),
            Dossier("NDD-U1", unit: "00004", procedure: "2.999999", received: Local(2026, 5, 4)).Due(null).FinishedAt(Local(2026, 5, 5)));
        await fixture.SettleAsync();

        // On time: W1, D1, H1, M1 of 7 handled in May → 20 × 4/7 = 11.428571.
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-05"), "ON_TIME", 4, 7, 20.0 * 4 / 7);
    }

    [Fact]
    public async Task Dossiers_carried_over_or_still_open_are_judged_at_the_periods_end()
    {
        // Department 79-STP, January and February 2026 (closed). Due dates and receipts at 09:00.
        // C5: received 10 Jan, due 30 Jan, finished 20 Jan.
        // C1: received 20 Jan, due 10 Feb, finished 5 Feb (carried over into February).
        // C2: received 5 Jan, due 25 Jan, finished 3 Feb (carried over, late).
        // C3: received 10 Feb, due 10 Mar, still open.
        // C4: received 2 Feb, due 20 Feb, still open.
        await fixture.Facts.WriteAsync(
            Dossier("CO-5", unit: "79-STP", received: Local(2026, 1, 10)).Due(Local(2026, 1, 30)).FinishedAt(Local(2026, 1, 20)),
            Dossier("CO-1", unit: "79-STP", received: Local(2026, 1, 20)).Due(Local(2026, 2, 10)).FinishedAt(Local(2026, 2, 5)),
            Dossier("CO-2", unit: "79-STP", received: Local(2026, 1, 5)).Due(Local(2026, 1, 25)).FinishedAt(Local(2026, 2, 3)),
            Dossier("CO-3", unit: "79-STP", received: Local(2026, 2, 10)).Due(Local(2026, 3, 10)),
            Dossier("CO-4", unit: "79-STP", received: Local(2026, 2, 2)).Due(Local(2026, 2, 20)));
        await fixture.SettleAsync();

        // January (judged at 1 Feb 00:00): C5 finished on time; C1 open and not yet due → on time;
        // C2 open and overdue → late. 2 of 3 → 20 × 2/3 = 13.333333.
        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2026-01"), "ON_TIME", 2, 3, 20.0 * 2 / 3);
        // February: C1 (carried over, finished on time), C2 (carried over, late), C3 (open, not yet due
        // at 1 Mar → on time), C4 (open, overdue → late); C5 ended in January and is not handled.
        // 2 of 4 → 10. Only C3 and C4 were received in February.
        var february = await fixture.ScoreAsync("79-STP", "2026-02");
        CriterionAssert.Scored(february, "ON_TIME", 2, 4, 10);
        Assert.Equal(2, february!.Counters["dossiers_received"]);
        // The first quarter (judged at 1 Apr): C3 is overdue by then. C5, C1 of 5 → 20 × 2/5 = 8.
        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2026-Q1"), "ON_TIME", 2, 5, 8);
    }

    [Fact]
    public async Task A_dossier_ended_at_midnight_between_two_months_counts_once_in_their_quarter()
    {
        // Commune 00004, third quarter of 2025 (closed). B1: received Tue 26 Aug 10:00, due 5 Sep,
        // finished at 1 Sep 00:00 local, the instant August ends and September begins: handled and
        // on time in both months, and one handled, on-time dossier of the quarter and the year.
        await fixture.Facts.WriteAsync(
            Dossier("MN-1", unit: "00004", received: Local(2025, 8, 26, 10)).Due(Local(2025, 9, 5)).FinishedAt(Local(2025, 9, 1, 0)));
        await fixture.SettleAsync();

        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2025-08"), "ON_TIME", 1, 1, 20);
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2025-09"), "ON_TIME", 1, 1, 20);
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2025-Q3"), "ON_TIME", 1, 1, 20);
        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2025"), "ON_TIME", 1, 1, 20);
    }

    [Fact]
    public async Task A_provinces_figures_include_its_departments_and_communes()
    {
        // November 2025, every dossier received Mon 3 Nov 09:00 (R6 on 20 Nov) and ended by the month's end.
        //   26734:  R1 due 10 Nov, finished 4 Nov (24 h) ✓; R2 due 10 Nov, finished 5 Nov (48 h) ✓;
        //           R6 due 27 Nov, withdrawn 21 Nov ✓ (handled, not finished).
        //   26737:  R3 due 10 Nov, finished 13 Nov (240 h) ✗.
        //   79-STP: R4 due 10 Nov, finished 6 Nov (72 h) ✓; R5 due 7 Nov, result returned 8 Nov (120 h) ✗.
        var nov3 = Local(2025, 11, 3);
        await fixture.Facts.WriteAsync(
            Dossier("RU-1", unit: "26734", received: nov3).Due(Local(2025, 11, 10)).FinishedAt(Local(2025, 11, 4)),
            Dossier("RU-2", unit: "26734", received: nov3).Due(Local(2025, 11, 10)).FinishedAt(Local(2025, 11, 5)),
            Dossier("RU-6", unit: "26734", received: Local(2025, 11, 20)).Due(Local(2025, 11, 27)).EndedAt(7, Local(2025, 11, 21)),
            Dossier("RU-3", unit: "26737", received: nov3).Due(Local(2025, 11, 10)).FinishedAt(Local(2025, 11, 13)),
            Dossier("RU-4", unit: "79-STP", received: nov3).Due(Local(2025, 11, 10)).FinishedAt(Local(2025, 11, 6)),
            Dossier("RU-5", unit: "79-STP", received: nov3).Due(Local(2025, 11, 7)).EndedAt(10, Local(2025, 11, 8)));
        await fixture.SettleAsync();

        // ON_TIME: 26734 3/3 → 20; 26737 0/1 → 0; 79-STP 1/2 → 10; province 79 (all six) 4/6 → 13.333333,
        // and the nation the same.
        CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2025-11"), "ON_TIME", 3, 3, 20);
        CriterionAssert.Scored(await fixture.ScoreAsync("26737", "2025-11"), "ON_TIME", 0, 1, 0);
        CriterionAssert.Scored(await fixture.ScoreAsync("79-STP", "2025-11"), "ON_TIME", 1, 2, 10);
        var province = await fixture.ScoreAsync("79", "2025-11");
        CriterionAssert.Scored(province, "ON_TIME", 4, 6, 20.0 * 4 / 6);
        CriterionAssert.Scored(await fixture.ScoreAsync("VN", "2025-11"), "ON_TIME", 4, 6, 20.0 * 4 / 6);

        // AVG_TIME (shown, 0 points): hours of the finished dossiers (9 and 10, not the withdrawn one)
        // ÷ their number. 26734: (24 + 48) / 2 = 36 h; province: (24 + 48 + 240 + 72 + 120) / 5 = 100.8 h.
        var commune = CriterionAssert.Scored(await fixture.ScoreAsync("26734", "2025-11"), "AVG_TIME", 72, 2, 0);
        Assert.Equal(36, commune.Rate!.Value, 9);
        var average = CriterionAssert.Scored(province, "AVG_TIME", 504, 5, 0);
        Assert.Equal(100.8, average.Rate!.Value, 9);
        Assert.Equal("average", average.Display);
    }
}

using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// MDHL, satisfaction (March 2026): FEEDBACK_CLASSIFICATION (shown), FEEDBACK_ON_TIME (6, empty 6),
/// FEEDBACK_SATISFACTION (6, empty 6) and DOSSIER_SATISFACTION (6, threshold 90 %, empty 0).
/// Feedback deadlines, when the source sent none, run from receipt in working days: 2 to refuse,
/// 5 to ask for more, 15 to handle.
/// </summary>
public sealed class SatisfactionTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private const int InProgress = 1;
    private const int Refused = 2;
    private const int MoreInfoRequested = 3;
    private const int Handled = 4;
    private const int Satisfied = 1;
    private const int Dissatisfied = 2;

    [Fact]
    public async Task Feedback_is_on_time_by_its_kind_of_answer_and_satisfactory_unless_disputed()
    {
        // Commune 26734. Received Mon 2 Mar 09:00 unless said.
        //   F1 handled 20 Mar; 15 working days → 23 Mar ✓; the citizen was satisfied.
        //   F2 refused 5 Mar; 2 working days → 4 Mar ✗.
        //   F3 more information asked 9 Mar; 5 working days → 9 Mar ✓ (on the limit); raised again.
        //   F4 received 25 Mar, in progress at the month's end, 15 working days not yet over ✓.
        //   F5 in progress, the source's own deadline 20 Mar passed by the month's end ✗.
        //   F6 received Fri 20 Feb (Tết), handled 10 Mar: 15 working days from the Tết week end on
        //      Fri 13 Mar ✓ (15 calendar days would end on 7 Mar); in scope in March, received in February.
        //   F7 received 10 Mar, handled 12 Mar ✓, the citizen dissatisfied; about staff conduct (kind 2).
        //   F8 received and handled in February: not in March's scope.
        var mar2 = Local(2026, 3, 2);
        await fixture.Facts.WriteAsync(
            Feedback("FB-1", "26734", received: mar2) with { Outcome = Handled, HandledAt = Local(2026, 3, 20), Satisfaction = Satisfied },
            Feedback("FB-2", "26734", received: mar2) with { Outcome = Refused, HandledAt = Local(2026, 3, 5) },
            Feedback("FB-3", "26734", received: mar2) with { Outcome = MoreInfoRequested, HandledAt = Local(2026, 3, 9), ReRaised = true },
            Feedback("FB-4", "26734", received: Local(2026, 3, 25)) with { Outcome = InProgress },
            Feedback("FB-5", "26734", received: mar2) with { Outcome = InProgress, Deadline = Local(2026, 3, 20) },
            Feedback("FB-6", "26734", received: Local(2026, 2, 20)) with { Outcome = Handled, HandledAt = Local(2026, 3, 10) },
            Feedback("FB-7", "26734", received: Local(2026, 3, 10)) with { Kind = 2, Outcome = Handled, HandledAt = Local(2026, 3, 12), Satisfaction = Dissatisfied },
            Feedback("FB-8", "26734", received: Local(2026, 2, 2)) with { Outcome = Handled, HandledAt = Local(2026, 2, 10) });
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("26734", "2026-03");

        // FEEDBACK_ON_TIME: in scope F1–F7; on time F1, F3, F4, F6, F7 → 6 × 5/7 = 4.285714.
        CriterionAssert.Scored(score, "FEEDBACK_ON_TIME", 5, 7, 6.0 * 5 / 7);
        // FEEDBACK_SATISFACTION: received in March F1–F5, F7; on time, not dissatisfied and not raised
        // again: F1, F4 → 6 × 2/6 = 2.
        CriterionAssert.Scored(score, "FEEDBACK_SATISFACTION", 2, 6, 2);
        // FEEDBACK_CLASSIFICATION (shown): on rules and procedures F1–F5 of the 6 received, 0 points.
        var classification = CriterionAssert.Scored(score, "FEEDBACK_CLASSIFICATION", 5, 6, 0);
        Assert.Equal(5.0 / 6, classification.Rate!.Value, 9);
        Assert.Equal(1, score!.Counters["feedback_on_conduct"]);
    }

    [Fact]
    public async Task Without_feedback_the_feedback_criteria_are_worth_their_empty_value_of_six()
    {
        // Department 79-STP has a dossier in March and no feedback at all.
        await fixture.Facts.WriteAsync(Dossier("FBE-1", unit: "79-STP", received: Local(2026, 3, 2)));
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("79-STP", "2026-03");

        CriterionAssert.Empty(score, "FEEDBACK_ON_TIME", 6);
        CriterionAssert.Empty(score, "FEEDBACK_SATISFACTION", 6);
        CriterionAssert.Empty(score, "FEEDBACK_CLASSIFICATION", 0);
    }

    [Fact]
    public async Task Dossier_satisfaction_excludes_overdue_badly_rated_and_complained_dossiers()
    {
        // Received 2 Mar, due 12 Mar, finished 5 Mar unless said.
        // Commune 00004: 10 dossiers; one rated 3 (acceptable: not negative), one rated 4 (dissatisfied),
        //   one with a complaint → 8/10 = 0.8 < 0.9 → 6 × 0.8 ÷ 0.9 = 5.333333.
        // Commune 26737: 10 dossiers; one finished 14 Mar (late), one rated 3 → 9/10 = 0.9, at the threshold → 6.
        var mar2 = Local(2026, 3, 2);
        var due = Local(2026, 3, 12);
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 10).Select(i =>
            {
                var d = Dossier($"DS-H{i}", unit: "00004", received: mar2).Due(due).FinishedAt(Local(2026, 3, 5));
                return i switch { 1 => d with { Rating = 3 }, 2 => d with { Rating = 4 }, 3 => d with { Complaint = true }, _ => d with { Rating = 1 } };
            })
            .Concat(Enumerable.Range(1, 10).Select(i =>
            {
                var d = Dossier($"DS-B{i}", unit: "26737", received: mar2).Due(due);
                return i switch { 1 => d.FinishedAt(Local(2026, 3, 14)), 2 => d.FinishedAt(Local(2026, 3, 5)) with { Rating = 3 }, _ => d.FinishedAt(Local(2026, 3, 5)) };
            }))
            .ToArray());
        await fixture.SettleAsync();

        CriterionAssert.Scored(await fixture.ScoreAsync("00004", "2026-03"), "DOSSIER_SATISFACTION", 8, 10, 6.0 * 0.8 / 0.9);
        CriterionAssert.Scored(await fixture.ScoreAsync("26737", "2026-03"), "DOSSIER_SATISFACTION", 9, 10, 6);
    }

    [Fact]
    public async Task Without_dossiers_dossier_satisfaction_is_empty_and_worth_nothing()
    {
        // Ministry BTP has one feedback in March, handled on time, and no dossier.
        await fixture.Facts.WriteAsync(Feedback("FBD-1", "BTP", received: Local(2026, 3, 2)) with { Outcome = Handled, HandledAt = Local(2026, 3, 3) });
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("BTP", "2026-03");

        CriterionAssert.Empty(score, "DOSSIER_SATISFACTION", 0);
        CriterionAssert.Empty(score, "ON_TIME", 0);
        CriterionAssert.Scored(score, "FEEDBACK_ON_TIME", 1, 1, 6);
    }
}

using Hub.Scoring.Engine;

namespace Hub.Scoring.Tests.Engine;

/// <summary>
/// How one dossier version weighs in a month's own counts: the judging instant, the month's
/// boundaries, and the sign of a replaced version. Months are given in UTC as PostgreSQL gives
/// them (local midnight in Hà Nội is 17:00 the day before).
/// </summary>
public sealed class OwnFiguresTests
{
    private static readonly MonthBounds February = Month(2025, 2);
    private static readonly MonthBounds March = Month(2025, 3);
    private static readonly DateTime CountedAt = Utc(2025, 6, 1, 0);

    [Fact]
    public void A_dossier_received_and_finished_on_time_in_the_month_counts_in_every_figure_it_meets()
    {
        var row = Dossier(received: Utc(2025, 3, 3, 2), terminal: Utc(2025, 3, 5, 2), deadline: Utc(2025, 3, 10, 2),
            OwnCountFlags.EndedWithResult | OwnCountFlags.OnlineChannel | OwnCountFlags.PaperResult | OwnCountFlags.ElectronicResult);

        var figures = Count(row, March);

        Assert.Equal(1, figures[0]);  // received
        Assert.Equal(1, figures[1]);  // handled
        Assert.Equal(1, figures[2]);  // on time, ended within the month
        Assert.Equal(0, figures[3]);  // on time, still open at its end
        Assert.Equal(1, figures[4]);  // finished
        Assert.Equal(2L * 24 * 3600 * 1_000_000, figures[OwnFigures.HandlingMicroseconds]);
        Assert.Equal(1, figures[7]);  // online with an electronic result
        Assert.Equal(1, figures[12]); // paper result also issued electronically
    }

    [Fact]
    public void A_dossier_ending_at_the_stroke_of_midnight_is_open_at_the_end_of_its_month_and_ended_in_the_next()
    {
        var row = Dossier(received: Utc(2025, 2, 10, 2), terminal: February.To, deadline: Utc(2025, 3, 10, 2), OwnCountFlags.EndedWithResult);

        var inFebruary = Count(row, February);
        var inMarch = Count(row, March);

        Assert.Equal((0, 1, 0), (inFebruary[2], inFebruary[3], inFebruary[4]));
        Assert.Equal((1, 0, 1), (inMarch[2], inMarch[3], inMarch[4]));
        Assert.Equal((1, 0), (inFebruary[0], inMarch[0]));
    }

    [Fact]
    public void A_dossier_open_past_its_deadline_is_late_and_a_replaced_version_takes_back_what_it_added()
    {
        var row = Dossier(received: Utc(2025, 3, 3, 2), terminal: null, deadline: Utc(2025, 3, 10, 2), OwnCountFlags.None);
        var replaced = row with { Sign = -1 };

        var figures = new OwnFigures();
        Assert.True(OwnFigures.Judges(row, March, CountedAt, out var evalAt));
        figures.Add(row, March, evalAt);
        Assert.Equal((1, 1, 0, 0), (figures[0], figures[1], figures[2], figures[3]));

        figures.Add(replaced, March, evalAt);
        Assert.All(Enumerable.Range(0, 24), i => Assert.Equal(0, figures[i]));
    }

    [Fact]
    public void A_month_that_had_not_begun_when_the_version_was_judged_does_not_hold_it()
    {
        var row = Dossier(received: Utc(2025, 2, 10, 2), terminal: null, deadline: null, OwnCountFlags.None) with { ChangedAt = Utc(2025, 2, 20, 0) };

        Assert.False(OwnFigures.Judges(row, March, DateTime.MinValue, out _));
        Assert.True(OwnFigures.Judges(row, March, CountedAt, out var evalAt));
        Assert.Equal(March.To, evalAt);
    }

    [Fact]
    public void The_first_month_of_a_dossier_is_the_one_it_was_received_in_even_at_the_stroke_of_midnight()
    {
        MonthBounds[] months = [February, March];

        Assert.Equal(0, MonthBounds.FirstEndingAfter(months, Utc(2025, 2, 10, 2)));
        Assert.Equal(1, MonthBounds.FirstEndingAfter(months, February.To));
        Assert.Equal(2, MonthBounds.FirstEndingAfter(months, March.To));
    }

    [Fact]
    public void A_dossier_spans_the_months_from_its_receipt_to_its_end_and_on_while_it_is_open()
    {
        MonthBounds[] months = [February, March];

        Assert.Equal((0, 1), MonthBounds.Spanned(months, Utc(2025, 2, 10, 2), Utc(2025, 2, 20, 2)));
        Assert.Equal((0, 2), MonthBounds.Spanned(months, Utc(2025, 2, 10, 2), February.To));
        Assert.Equal((0, 2), MonthBounds.Spanned(months, Utc(2025, 2, 10, 2), null));
        Assert.Equal((1, 1), MonthBounds.Spanned(months, Utc(2025, 3, 10, 2), Utc(2025, 2, 20, 2)));
    }

    private static long[] Count(OwnCountRow row, MonthBounds month)
    {
        var figures = new OwnFigures();
        Assert.True(OwnFigures.Judges(row, month, CountedAt, out var evalAt));
        figures.Add(row, month, evalAt);
        return Enumerable.Range(0, 24).Select(i => figures[i]).ToArray();
    }

    private static OwnCountRow Dossier(DateTime received, DateTime? terminal, DateTime? deadline, OwnCountFlags flags) =>
        new(false, "26734", "1.0001", received, terminal, null, received, deadline, 1, flags | OwnCountFlags.AtMostOneSupplement);

    private static MonthBounds Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        var from = LocalMidnight(start);
        return new(start, from, LocalMidnight(start.AddMonths(1)), LocalMidnight(new DateOnly(year, ((month - 1) / 3 * 3) + 1, 1)),
            LocalMidnight(new DateOnly(year, 1, 1)));
    }

    private static DateTime LocalMidnight(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}

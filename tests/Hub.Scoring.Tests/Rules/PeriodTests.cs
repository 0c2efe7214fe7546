using Hub.Scoring.Periods;

namespace Hub.Scoring.Tests.Rules;

/// <summary>Periods are months, quarters and years of Vietnamese local time (UTC+7, no daylight saving).</summary>
public sealed class PeriodTests
{
    [Theory]
    [InlineData("2026-11", PeriodKind.Month, 2026, 11)]
    [InlineData("2026-01", PeriodKind.Month, 2026, 1)]
    [InlineData("2026-Q4", PeriodKind.Quarter, 2026, 10)]
    [InlineData("2026-Q1", PeriodKind.Quarter, 2026, 1)]
    [InlineData("2026", PeriodKind.Year, 2026, 1)]
    public void Periods_parse_and_print_back(string text, PeriodKind kind, int year, int month)
    {
        var period = Period.Parse(text);

        Assert.Equal(kind, period.Kind);
        Assert.Equal(new DateOnly(year, month, 1), period.Start);
        Assert.Equal(text, period.ToString());
    }

    [Fact]
    public void A_lower_case_quarter_and_surrounding_blanks_are_accepted()
    {
        Assert.Equal("2026-Q3", Period.Parse("2026-q3").ToString());
        Assert.Equal("2026-03", Period.Parse(" 2026-03 ").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026-H1")]
    [InlineData("26-11")]
    [InlineData("1999")]
    [InlineData("2101")]
    [InlineData("2026-11-01")]
    [InlineData("+2026")]
    [InlineData("november")]
    public void Anything_else_is_not_a_period(string? text)
    {
        Assert.False(Period.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => Period.Parse(text));
        }
    }

    [Fact]
    public void A_month_runs_from_local_midnight_to_local_midnight()
    {
        var march = Period.Parse("2026-03");

        // 1 March 00:00 in Hồ Chí Minh City is 28 February 17:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 17, 0, 0, TimeSpan.Zero), march.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero), march.To);
        Assert.Equal(new DateOnly(2026, 4, 1), march.End);
        Assert.Equal(new DateOnly(2026, 7, 1), Period.Parse("2026-Q2").End);
        Assert.Equal(new DateOnly(2027, 1, 1), Period.Parse("2026").End);
    }

    [Fact]
    public void An_instant_belongs_to_the_period_of_its_local_day()
    {
        var lastSecondOfMarch = new DateTimeOffset(2026, 3, 31, 16, 59, 59, TimeSpan.Zero);
        var firstOfApril = new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal("2026-03", Period.Containing(PeriodKind.Month, lastSecondOfMarch).ToString());
        Assert.Equal("2026-04", Period.Containing(PeriodKind.Month, firstOfApril).ToString());
        Assert.Equal("2026-Q1", Period.Containing(PeriodKind.Quarter, lastSecondOfMarch).ToString());
        Assert.Equal("2026-Q2", Period.Containing(PeriodKind.Quarter, firstOfApril).ToString());
        Assert.Equal("2026", Period.Containing(PeriodKind.Year, new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero)).ToString());
        Assert.Equal("2025", Period.Containing(PeriodKind.Year, new DateTimeOffset(2025, 12, 31, 16, 59, 59, TimeSpan.Zero)).ToString());
        Assert.Equal(["2026-04", "2026-Q2", "2026"], Period.AllContaining(firstOfApril).Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("2026-01", "2025-12")]
    [InlineData("2026-Q1", "2025-Q4")]
    [InlineData("2026", "2025")]
    public void The_previous_period_is_of_the_same_kind(string period, string previous)
    {
        Assert.Equal(previous, Period.Parse(period).Previous.ToString());
    }

    [Fact]
    public void A_running_period_is_judged_now_and_a_closed_one_at_its_end()
    {
        var june = Period.Parse("2026-06");
        var now = new DateTimeOffset(2026, 6, 15, 10, 0, 0, Period.LocalOffset);

        Assert.Equal(now, june.EvaluatedAt(now));
        Assert.Equal(Period.Parse("2026-05").To, Period.Parse("2026-05").EvaluatedAt(now));
        Assert.Equal(june.To, june.EvaluatedAt(june.To));
    }
}

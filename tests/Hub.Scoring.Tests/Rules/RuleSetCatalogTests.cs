using Hub.Scoring.Periods;
using Hub.Scoring.Rules;
using static Hub.Scoring.Tests.Rules.ShippedRuleSets;

namespace Hub.Scoring.Tests.Rules;

/// <summary>Which rule-set version is in force for a period: the last scheduled on or before the period's first day.</summary>
public sealed class RuleSetCatalogTests
{
    private static RuleSetCatalog Catalog() => new(Versions,
    [
        new RuleSetSchedule(new DateOnly(2026, 4, 1), "766-v2"),
        new RuleSetSchedule(new DateOnly(2000, 1, 1), "766-v1"),
    ]);

    [Theory]
    [InlineData("2026-03", "766-v1")]
    [InlineData("2026-04", "766-v2")]
    [InlineData("2026-12", "766-v2")]
    [InlineData("2026-Q1", "766-v1")]
    [InlineData("2026-Q2", "766-v2")]
    // A year starts on 1 January, before the change: the year is scored with the version in force then.
    [InlineData("2026", "766-v1")]
    [InlineData("2027", "766-v2")]
    [InlineData("2025-06", "766-v1")]
    public void The_version_in_force_is_chosen_by_the_periods_first_day(string period, string version)
    {
        Assert.Equal(version, Catalog().InForce(Period.Parse(period)).Version);
    }

    [Fact]
    public void A_period_before_every_scheduled_start_takes_the_first_version()
    {
        var catalog = new RuleSetCatalog(Versions, [new RuleSetSchedule(new DateOnly(2026, 1, 1), "766-v2")]);

        Assert.Equal("766-v2", catalog.InForce(Period.Parse("2025-12")).Version);
    }

    [Fact]
    public void The_schedule_is_kept_in_date_order_and_versions_are_found_by_name()
    {
        var catalog = Catalog();

        Assert.Equal(["766-v1", "766-v2"], catalog.Schedule.Select(s => s.Version));
        Assert.Equal("766-v2", catalog.Find("766-v2")!.Version);
        Assert.Null(catalog.Find("766-v3"));
        Assert.Equal(2, catalog.Versions.Count);
    }

    [Fact]
    public void A_schedule_naming_a_version_not_shipped_is_refused()
    {
        var refused = Assert.Throws<InvalidDataException>(() => new RuleSetCatalog(Versions, [new RuleSetSchedule(new DateOnly(2026, 1, 1), "766-v3")]));

        Assert.Contains("766-v3", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_schedule_and_a_version_shipped_twice_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => new RuleSetCatalog(Versions, []));
        Assert.Throws<InvalidDataException>(() => new RuleSetCatalog([Version1, Version1], [new RuleSetSchedule(new DateOnly(2000, 1, 1), "766-v1")]));
    }
}

using Hub.Scoring.Tests.Criteria;
using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Consistency;

/// <summary>A service whose holiday calendar a test may swap between restarts, as an operator does.</summary>
public sealed class CalendarChangeHost : ScoringHost
{
    public string HolidaysFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "holidays.csv");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scoring:HolidaysFile"] = HolidaysFile,
    };
}

/// <summary>
/// Reference data the operator changes between deployments reaches scores already stored: a
/// deadline counted with last year's calendar must not stay in the service's own counts.
/// </summary>
[Collection(ConsistencyGroup.Name)]
public sealed class ReferenceDataChangeTests(CalendarChangeHost host) : IClassFixture<CalendarChangeHost>, IDisposable
{
    private readonly string _holidays = Path.Combine(Path.GetTempPath(), $"holidays-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task A_holiday_added_by_the_operator_moves_deadlines_already_scored()
    {
        // April 2026 (neither running nor just ended on the host's clock, so no refresh marks it):
        // a dossier without a due date, one working day to process, received Wednesday 1 April
        // 10:00 and finished Thursday 2 April 15:00: late by the shipped calendar.
        await host.Facts.WriteAsync(Procedure("9.200001", "01").ProcessedIn(1, 3));
        await host.Facts.WriteAsync(Dossier("CAL-1", unit: "00004", procedure: "9.200001", received: Local(2026, 4, 1, 10)).Due(null).FinishedAt(Local(2026, 4, 2, 15)));
        await host.SettleAsync();
        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-04"), "ON_TIME", 0, 1, 0);

        // The operator declares Thursday 2 April a holiday and restarts the service: the deadline
        // moves to Friday 3 April 10:00, so the dossier was on time.
        await File.WriteAllTextAsync(_holidays, await File.ReadAllTextAsync(host.HolidaysFile) + "2026-04-02,Ngày nghỉ bù\n");
        await host.StopAsync();
        host.HolidaysFile = _holidays;
        await host.StartAsync();
        await host.SettleAsync();

        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-04"), "ON_TIME", 1, 1, 20);
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    public void Dispose() => File.Delete(_holidays);
}

using Hub.Scoring.Engine;

namespace Hub.Scoring;

/// <summary>
/// Operator commands run against the service's database instead of serving:
/// <c>--verify</c> recomputes every score from facts and reports those that differ from the stored
/// snapshots (exit 1 when any do); <c>--recompute</c> recomputes everything and stores what changed.
/// </summary>
public static class ScoringCommands
{
    public const string Verify = "--verify";
    public const string Recompute = "--recompute";

    public static bool IsCommand(string[] args) => args.Contains(Verify) || args.Contains(Recompute);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartReferenceDataAsync();
        var full = app.Services.GetRequiredService<FullRecompute>();
        if (args.Contains(Recompute))
        {
            var started = TimeProvider.System.GetTimestamp();
            var changed = await full.RecomputeAsync(CancellationToken.None);
            Console.WriteLine($"recomputed every score in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F2} s; {changed} changed");
            return 0;
        }
        var differing = await full.VerifyAsync(CancellationToken.None);
        foreach (var target in differing.Take(50))
        {
            Console.WriteLine($"differs: {target.UnitCode} {target.Period}");
        }
        Console.WriteLine(differing.Count == 0 ? "every stored score equals a recompute from facts" : $"{differing.Count} stored scores differ from a recompute from facts");
        return differing.Count == 0 ? 0 : 1;
    }

    private static Task StartReferenceDataAsync(this WebApplication app) =>
        app.Services.GetServices<IHostedService>().OfType<Data.ReferenceDataLoader>().Single().StartAsync(CancellationToken.None);
}

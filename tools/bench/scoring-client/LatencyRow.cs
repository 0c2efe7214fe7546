using System.Globalization;

namespace Hub.Bench.Scoring;

/// <summary>A Markdown row of the benchmark's table: a measure's p50 / p99 / max in milliseconds.</summary>
public static class LatencyRow
{
    public static string Of(string measure, IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return sorted.Count == 0
            ? $"| {measure}: p50 / p99 / max (ms) | no sample |"
            : string.Create(CultureInfo.InvariantCulture,
                $"| {measure}: p50 / p99 / max (ms) | {Percentile(sorted, 0.50):0} / {Percentile(sorted, 0.99):0} / {sorted[^1]:0} |");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

namespace Hub.Scoring.Api;

/// <summary>
/// Points and totals are shown to 2 decimals, rates to 4 (RULES-766.md): rounded half away from
/// zero through decimal, as PostgreSQL rounds a double precision cast to numeric, so a rank computed
/// in SQL over rounded totals agrees with the totals shown.
/// </summary>
public static class ScoreRounding
{
    public static double Points(double value) => Round(value, 2);

    public static double? Points(double? value) => value is { } v ? Points(v) : null;

    public static double? Rate(double? value) => value is { } v ? Round(v, 4) : null;

    /// <summary>The change between two shown totals, as a reader would work it out from them.</summary>
    public static double? Change(double total, double? previous) =>
        previous is { } p ? Points(Points(total) - Points(p)) : null;

    private static double Round(double value, int decimals) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15
            ? (double)Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero)
            : value;
}

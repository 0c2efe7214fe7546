namespace Hub.Scoring.Rules;

/// <summary>A classification (xếp loại): totals at or above <paramref name="MinTotal"/> and below the next band.</summary>
public sealed record ClassificationBand(string Code, string Name, double MinTotal);

namespace Hub.Bench.Scoring;

/// <summary>One freshness probe: its dossier, the received count that shows it, and when the client saw it acknowledged and visible.</summary>
public sealed record ProbeSample(string Code, double Count, DateTimeOffset Acknowledged, DateTimeOffset Visible)
{
    public double Milliseconds => (Visible - Acknowledged).TotalMilliseconds;
}

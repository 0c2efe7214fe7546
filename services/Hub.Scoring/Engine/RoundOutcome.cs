using Hub.Contracts.Scoring;

namespace Hub.Scoring.Engine;

/// <summary>What one round did: how many targets it claimed, and the scores that changed.</summary>
public sealed record RoundOutcome(int Claimed, IReadOnlyList<IndicatorResult> Published);

using MassTransit;

namespace Hub.Contracts.Scoring;

/// <summary>Scores changed for these units and periods; one event carries a recompute round's changes.</summary>
// MassTransit prefixes "urn:message:", so the full URN is urn:message:hub:…:v1.
[MessageUrn("hub:indicator-results-published:v1")]
public sealed record IndicatorResultsPublished(IReadOnlyList<IndicatorResult> Results);

using MassTransit;

namespace Hub.Contracts.Sync;

/// <summary>Units declared (or corrected) their own period totals of dossiers received.</summary>
// MassTransit prefixes "urn:message:", so the full URN is urn:message:hub:…:v1.
[MessageUrn("hub:period-totals-declared:v1")]
public sealed record PeriodTotalsDeclared(IReadOnlyList<PeriodTotalState> Totals);

namespace Hub.Contracts.Sync;

/// <summary>A supplement request; CompletedAt is null while the applicant has not answered.</summary>
public sealed record DossierSupplement(DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt);

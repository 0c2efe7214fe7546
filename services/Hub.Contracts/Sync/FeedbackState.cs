namespace Hub.Contracts.Sync;

/// <summary>
/// Citizen feedback (PAKN). Kind 1 rules, 2 staff conduct, 3 other; Outcome 1 in progress,
/// 2 refused, 3 more info requested, 4 handled, 5 answer published; Satisfaction 1 satisfied, 2 dissatisfied.
/// </summary>
public sealed record FeedbackState(
    string Id,
    long Version,
    string UnitCode,
    string? DossierCode,
    int Kind,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? HandledAt,
    int Outcome,
    int Satisfaction,
    bool ReRaised);

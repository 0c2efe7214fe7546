namespace Hub.Scoring.Facts;

/// <summary>Citizen feedback (PAKN) as the rules read it; DeadlineAt is the source's own deadline, when it sent one.</summary>
public sealed record FeedbackFact(
    string Id,
    long Version,
    string UnitCode,
    int Kind,
    DateTime ReceivedAt,
    DateTime? DeadlineAt,
    DateTime? HandledAt,
    int Outcome,
    bool Dissatisfied,
    bool ReRaised);

namespace Hub.Scoring.Engine;

/// <summary>A procedure as the procedure counters see it; the two publicity deadlines are judged by PostgreSQL, with the calendar.</summary>
internal sealed record RelatedProcedure(
    string Code, bool Active, bool Online, bool FeeBearing, bool CitizenSubject, bool ContentFull, DateTime? PublishedAt,
    bool PublishedOnTime, bool MadePublicOnTime);

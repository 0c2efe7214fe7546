namespace Hub.Scoring.Facts;

/// <summary>
/// An electronic certified copy as the CERTIFIED_COPY criterion reads it: the commune that issued
/// it and when. Both are null for a version that is no longer a certified copy, so that the newer
/// version still holds the document's row and an older one arriving late cannot count it again.
/// </summary>
public sealed record CertifiedCopyFact(string DocumentId, long Version, string? CommuneCode, DateTime? IssuedAt);

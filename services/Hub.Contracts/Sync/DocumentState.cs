namespace Hub.Contracts.Sync;

/// <summary>
/// A digitised document (hub.digitisation.v1.DigitisedDocument) without its content hash, size and
/// storage reference, which no consumer reads. Kind 1 submitted component, 2 result, 3 electronic
/// certified copy; IssuingCommuneCode is set for certified copies, DossierCode is null for a copy
/// issued on its own.
/// </summary>
public sealed record DocumentState(
    string DocumentId,
    long Version,
    string UnitCode,
    string? DossierCode,
    int Kind,
    DateTimeOffset DigitisedAt,
    string? ReusedFromDocumentId,
    bool FromPersonalStore,
    bool PushedToPersonalStore,
    string? IssuingCommuneCode);

using Google.Protobuf.WellKnownTypes;
using Hub.Contracts.Sync;
using Hub.Dossiers.V1;

namespace Hub.Dossiers.Dossiers;

/// <summary>From a stored dossier (applicant already reduced to its hash) to the state its event carries.</summary>
public static class DossierEventMapper
{
    public static DossierState ToState(Dossier d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DossierState(
            d.Code,
            d.SourceVersion,
            d.Unit.Code,
            d.ProcedureCode,
            (int)d.Channel,
            (int)d.Status,
            (int)(d.Applicant?.Kind ?? ApplicantKind.Unspecified),
            d.ApplicantHash.Length > 0 ? d.ApplicantHash : null,
            d.ReceivedAt.ToDateTimeOffset(),
            Optional(d.DueAt),
            Optional(d.FinishedAt),
            Optional(d.ReturnedAt),
            [.. d.StatusHistory.Select(s => new DossierStatusChange((int)s.Status, s.At.ToDateTimeOffset()))],
            [.. d.Supplements.Select(s => new DossierSupplement(s.RequestedAt.ToDateTimeOffset(), Optional(s.CompletedAt)))],
            [.. d.Fees.Select(f => new DossierFee(f.Code, f.Amount.Vnd, (int)f.PaymentMethod, Optional(f.PaidAt)))],
            [.. d.Components.Select(c => new Contracts.Sync.DossierComponent(c.Code, c.Digitised, c.Reused, c.FromPersonalStore))],
            [.. d.Results.Select(r => new DossierResultDocument(r.Code, r.ElectronicFile, r.PushedToPersonalStore, r.Digitised))],
            d.VneidAuthenticated,
            d.PopulationDataUsed,
            (int)d.Rating,
            d.Complaint);
    }

    public static DateTimeOffset? Optional(Timestamp? value) => value?.ToDateTimeOffset();
}

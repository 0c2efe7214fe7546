using Google.Protobuf.WellKnownTypes;
using Hub.Common.V1;
using Hub.Dossiers.V1;

namespace Hub.Dossiers.Tests.Infrastructure;

/// <summary>Valid records to start from; tests bend one field at a time.</summary>
public static class Samples
{
    public static readonly DateTimeOffset Received = new(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);

    public static Dossier Dossier(string code, long version = 1, string unit = "00004", DossierStatus status = DossierStatus.InProgress) => new()
    {
        Code = code,
        SourceVersion = version,
        ProcedureCode = "1.001234",
        Unit = new UnitRef { Code = unit },
        Channel = Channel.Online,
        Status = status,
        Applicant = new Applicant { Identifier = "001099012345", Name = "Nguyễn Văn A", Phone = "0912345678", Kind = ApplicantKind.Citizen },
        ReceivedAt = Timestamp.FromDateTimeOffset(Received),
        DueAt = Timestamp.FromDateTimeOffset(Received.AddDays(5)),
        Fees = { new Fee { Code = "LP01", Amount = new Money { Vnd = 50_000 }, PaymentMethod = PaymentMethod.NationalPortal, PaidAt = Timestamp.FromDateTimeOffset(Received) } },
        Components = { new Component { Code = "TP1", Digitised = true, Reused = true } },
        StatusHistory = { new StatusChange { Status = DossierStatus.New, At = Timestamp.FromDateTimeOffset(Received) } },
        VneidAuthenticated = true,
    };

    public static UpsertDossiersRequest Batch(params Dossier[] dossiers)
    {
        var request = new UpsertDossiersRequest { BatchId = Guid.NewGuid().ToString("N") };
        request.Dossiers.Add(dossiers);
        return request;
    }

    /// <summary>A code no other test class uses, so events on the shared broker can be told apart.</summary>
    public static string Prefix() => $"T{Guid.NewGuid():N}"[..12];
}

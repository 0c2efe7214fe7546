using Hub.Dossiers.V1;
using Hub.Grpc.Client;

namespace Hub.Dossiers.Tests.Infrastructure;

public static class DossierMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = DossiersReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<UpsertDossiersRequest, UpsertDossiersReply> Upsert = new(Service.FindMethodByName("UpsertDossiers"));
    public static readonly GrpcMethod<UpsertDossiersRequest, UpsertDossiersReply> Stream = new(Service.FindMethodByName("StreamDossiers"));
    public static readonly GrpcMethod<GetDossierRequest, Dossier> Get = new(Service.FindMethodByName("GetDossier"));
    public static readonly GrpcMethod<ListDossiersRequest, ListDossiersReply> List = new(Service.FindMethodByName("ListDossiers"));
    public static readonly GrpcMethod<UpsertFeedbackRequest, UpsertFeedbackReply> UpsertFeedback = new(Service.FindMethodByName("UpsertFeedback"));
    public static readonly GrpcMethod<UpsertPeriodTotalsRequest, UpsertPeriodTotalsReply> UpsertTotals = new(Service.FindMethodByName("UpsertPeriodTotals"));
}

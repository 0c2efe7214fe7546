using Hub.Dossiers.V1;
using Hub.Grpc.Server;
using Hub.Sync.Callers;
using Hub.Sync.Pipeline;
using Hub.Sync.Reading;

namespace Hub.Dossiers.Grpc;

/// <summary>hub.dossiers.v1.DossierSync: each method resolves the caller, then hands over to the shared pipeline or reader.</summary>
public sealed class DossierSyncService(
    ISyncCallerResolver callers,
    SyncPipeline<Dossier> dossiers,
    SyncRecordReader<Dossier> dossierReader,
    SyncPipeline<V1.Feedback> feedback,
    SyncPipeline<PeriodTotal> totals)
{
    public void Bind(GrpcServiceBuilder service)
    {
        ArgumentNullException.ThrowIfNull(service);
        service
            .Unary<UpsertDossiersRequest, UpsertDossiersReply>("UpsertDossiers", UpsertDossiersAsync)
            .DuplexStreaming<UpsertDossiersRequest, UpsertDossiersReply>("StreamDossiers", StreamDossiersAsync)
            .Unary<GetDossierRequest, Dossier>("GetDossier", GetDossierAsync)
            .Unary<ListDossiersRequest, ListDossiersReply>("ListDossiers", ListDossiersAsync)
            .Unary<UpsertFeedbackRequest, UpsertFeedbackReply>("UpsertFeedback", UpsertFeedbackAsync)
            .Unary<UpsertPeriodTotalsRequest, UpsertPeriodTotalsReply>("UpsertPeriodTotals", UpsertPeriodTotalsAsync);
    }

    private async Task<UpsertDossiersReply> UpsertDossiersAsync(UpsertDossiersRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        var reply = new UpsertDossiersReply { BatchId = request.BatchId };
        reply.Results.Add(await dossiers.PushAsync(caller, request.Dossiers, context.CancellationToken));
        return reply;
    }

    // Back-pressure comes from the transport: the next batch is read only after this one is durable and answered.
    private async Task StreamDossiersAsync(
        IAsyncEnumerable<UpsertDossiersRequest> requests, IGrpcStreamWriter<UpsertDossiersReply> replies, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            var reply = new UpsertDossiersReply { BatchId = request.BatchId };
            reply.Results.Add(await dossiers.PushAsync(caller, request.Dossiers, context.CancellationToken));
            await replies.WriteAsync(reply, context.CancellationToken);
        }
    }

    private Task<Dossier> GetDossierAsync(GetDossierRequest request, ServerCallContext context) =>
        dossierReader.GetAsync(callers.Resolve(context, SyncScopes.Sync), request.Code, context.CancellationToken);

    private async Task<ListDossiersReply> ListDossiersAsync(ListDossiersRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        var (records, next) = await dossierReader.ListAsync(caller, request.UnitCode, request.Page, context.CancellationToken);
        var reply = new ListDossiersReply { NextPageToken = next };
        reply.Dossiers.Add(records);
        return reply;
    }

    private async Task<UpsertFeedbackReply> UpsertFeedbackAsync(UpsertFeedbackRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        var reply = new UpsertFeedbackReply { BatchId = request.BatchId };
        reply.Results.Add(await feedback.PushAsync(caller, request.Feedback, context.CancellationToken));
        return reply;
    }

    private async Task<UpsertPeriodTotalsReply> UpsertPeriodTotalsAsync(UpsertPeriodTotalsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        var reply = new UpsertPeriodTotalsReply { BatchId = request.BatchId };
        reply.Results.Add(await totals.PushAsync(caller, request.Totals, context.CancellationToken));
        return reply;
    }
}

using Hub.Catalogue.V1;
using Hub.Grpc.Server;
using Hub.Sync.Callers;
using Hub.Sync.Pipeline;
using Hub.Sync.Reading;

namespace Hub.Catalogue.Grpc;

/// <summary>hub.catalogue.v1.CatalogueSync: each method resolves the caller, then hands over to the shared pipeline or reader.</summary>
public sealed class CatalogueSyncService(ISyncCallerResolver callers, SyncPipeline<Procedure> procedures, SyncRecordReader<Procedure> reader)
{
    public void Bind(GrpcServiceBuilder service)
    {
        ArgumentNullException.ThrowIfNull(service);
        service
            .Unary<UpsertProceduresRequest, UpsertProceduresReply>("UpsertProcedures", UpsertAsync)
            .DuplexStreaming<UpsertProceduresRequest, UpsertProceduresReply>("StreamProcedures", StreamAsync)
            .Unary<GetProcedureRequest, Procedure>("GetProcedure", GetAsync)
            .Unary<ListProceduresRequest, ListProceduresReply>("ListProcedures", ListAsync);
    }

    private async Task<UpsertProceduresReply> UpsertAsync(UpsertProceduresRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        var reply = new UpsertProceduresReply { BatchId = request.BatchId };
        reply.Results.Add(await procedures.PushAsync(caller, request.Procedures, context.CancellationToken));
        return reply;
    }

    // Back-pressure comes from the transport: the next batch is read only after this one is durable and answered.
    private async Task StreamAsync(
        IAsyncEnumerable<UpsertProceduresRequest> requests, IGrpcStreamWriter<UpsertProceduresReply> replies, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            var reply = new UpsertProceduresReply { BatchId = request.BatchId };
            reply.Results.Add(await procedures.PushAsync(caller, request.Procedures, context.CancellationToken));
            await replies.WriteAsync(reply, context.CancellationToken);
        }
    }

    private Task<Procedure> GetAsync(GetProcedureRequest request, ServerCallContext context) =>
        reader.GetAsync(callers.Resolve(context, SyncScopes.Sync), request.Code, context.CancellationToken);

    private async Task<ListProceduresReply> ListAsync(ListProceduresRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context, SyncScopes.Sync);
        var (records, next) = await reader.ListAsync(caller, request.UnitCode, request.Page, context.CancellationToken);
        var reply = new ListProceduresReply { NextPageToken = next };
        reply.Procedures.Add(records);
        return reply;
    }
}

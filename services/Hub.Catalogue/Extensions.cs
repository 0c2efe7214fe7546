using Hub.Catalogue.Data;
using Hub.Catalogue.Grpc;
using Hub.Catalogue.Procedures;
using Hub.Catalogue.V1;
using Hub.Sync.Hosting;
using Hub.Sync.Pipeline;

namespace Hub.Catalogue;

public static class Extensions
{
    /// <summary>The catalogue service: its database, the broker and the shared sync pipeline for procedures.</summary>
    public static WebApplicationBuilder AddCatalogueService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHubSync<CatalogueDbContext>();
        builder.Services.AddSingleton<ISyncRecordKind<Procedure>, ProcedureRecordKind>();
        builder.Services.AddSingleton<CatalogueSyncService>();
        return builder;
    }

    public static WebApplication MapCatalogueService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapSyncService(CatalogueReflection.Descriptor.Services[0], app.Services.GetRequiredService<CatalogueSyncService>().Bind);
    }
}

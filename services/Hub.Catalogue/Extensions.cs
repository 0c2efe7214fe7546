using Hub.Catalogue.Data;
using Hub.Catalogue.Grpc;
using Hub.Catalogue.Procedures;
using Hub.Catalogue.V1;
using Hub.Grpc.Health;
using Hub.Grpc.Reflection;
using Hub.Grpc.Server;
using Hub.ServiceDefaults.Data;
using Hub.ServiceDefaults.Messaging;
using Hub.Sync.Hosting;
using Hub.Sync.Pipeline;

namespace Hub.Catalogue;

public static class Extensions
{
    /// <summary>The catalogue service: its database, the broker and the shared sync pipeline for procedures.</summary>
    public static WebApplicationBuilder AddCatalogueService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHubDbContext<CatalogueDbContext>();
        builder.AddHubMessaging();
        builder.AddHubSync();
        builder.Services.AddSingleton<ISyncRecordKind<Procedure>, ProcedureRecordKind>();
        builder.Services.AddSingleton<CatalogueSyncService>();
        return builder;
    }

    public static WebApplication MapCatalogueService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.MapGrpcService(CatalogueReflection.Descriptor.Services[0], app.Services.GetRequiredService<CatalogueSyncService>().Bind);
        app.MapGrpcHealth();
        app.MapGrpcReflection();
        return app;
    }
}

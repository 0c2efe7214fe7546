using Hub.Dossiers.Data;
using Hub.Dossiers.Dossiers;
using Hub.Dossiers.Feedback;
using Hub.Dossiers.Grpc;
using Hub.Dossiers.PeriodTotals;
using Hub.Dossiers.V1;
using Hub.Grpc.Health;
using Hub.Grpc.Reflection;
using Hub.Grpc.Server;
using Hub.ServiceDefaults.Data;
using Hub.ServiceDefaults.Messaging;
using Hub.Sync.Hosting;
using Hub.Sync.Pipeline;

namespace Hub.Dossiers;

public static class Extensions
{
    /// <summary>The dossier service: its database, the broker, the shared sync pipeline and its three record kinds.</summary>
    public static WebApplicationBuilder AddDossiersService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHubDbContext<DossiersDbContext>();
        builder.AddHubMessaging();
        builder.AddHubSync();
        builder.Services.AddSingleton<ISyncRecordKind<Dossier>, DossierRecordKind>();
        builder.Services.AddSingleton<ISyncRecordKind<V1.Feedback>, FeedbackRecordKind>();
        builder.Services.AddSingleton<ISyncRecordKind<PeriodTotal>, PeriodTotalRecordKind>();
        builder.Services.AddSingleton<DossierSyncService>();
        return builder;
    }

    public static WebApplication MapDossiersService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.MapGrpcService(DossiersReflection.Descriptor.Services[0], app.Services.GetRequiredService<DossierSyncService>().Bind);
        app.MapGrpcHealth();
        app.MapGrpcReflection();
        return app;
    }
}

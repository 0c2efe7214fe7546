using Hub.Dossiers.Data;
using Hub.Dossiers.Dossiers;
using Hub.Dossiers.Feedback;
using Hub.Dossiers.Grpc;
using Hub.Dossiers.PeriodTotals;
using Hub.Dossiers.V1;
using Hub.Sync.Hosting;
using Hub.Sync.Pipeline;

namespace Hub.Dossiers;

public static class Extensions
{
    /// <summary>The dossier service: its database, the broker, the shared sync pipeline and its three record kinds.</summary>
    public static WebApplicationBuilder AddDossiersService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHubSync<DossiersDbContext>();
        builder.Services.AddSingleton<ISyncRecordKind<Dossier>, DossierRecordKind>();
        builder.Services.AddSingleton<ISyncRecordKind<V1.Feedback>, FeedbackRecordKind>();
        builder.Services.AddSingleton<ISyncRecordKind<PeriodTotal>, PeriodTotalRecordKind>();
        builder.Services.AddSingleton<DossierSyncService>();
        return builder;
    }

    public static WebApplication MapDossiersService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapSyncService(DossiersReflection.Descriptor.Services[0], app.Services.GetRequiredService<DossierSyncService>().Bind);
    }
}

using System.Net;
using Hub.Grpc.Health;
using Hub.Grpc.Hosting;
using Hub.Grpc.Reflection;
using Hub.Grpc.Server;
using Hub.ServiceDefaults.Configuration;
using Hub.ServiceDefaults.Data;
using Hub.ServiceDefaults.Messaging;
using Hub.ServiceDefaults.Security;
using Hub.Outbox;
using Hub.Sync.Callers;
using Hub.Sync.Pipeline;
using Hub.Sync.Privacy;
using Hub.Sync.Reading;
using Hub.Sync.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Sync.Hosting;

public static class SyncHostingExtensions
{
    /// <summary>A sync service's endpoints: its gRPC service (callers authenticated), gRPC health and reflection.</summary>
    public static WebApplication MapSyncService(this WebApplication app, Google.Protobuf.Reflection.ServiceDescriptor service, Action<GrpcServiceBuilder> bind)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.MapGrpcService(service, bind);
        app.MapGrpcHealth();
        app.MapGrpcReflection();
        return app;
    }

    /// <summary>
    /// What every sync service shares: its database, the broker, options, the unit tree, the caller
    /// resolver, the pipeline, the outbox relay and its listener, and the gRPC server on an HTTP/2
    /// cleartext port. The service itself adds its record kinds.
    /// </summary>
    public static WebApplicationBuilder AddHubSync<TContext>(this WebApplicationBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHubDbContext<TContext>();
        // Each service checks the deny-list itself (a call may reach it without the gateway), so it hears identity's revocations.
        builder.AddHubMessaging(bus => bus.AddRevocationConsumer());
        var sync = builder.Configuration.GetSection(SyncOptions.Section).Get<SyncOptions>() ?? new SyncOptions();
        var services = builder.Services;
        services.AddSingleton(sync);
        services.AddSingleton(_ => UnitTree.Load(Path.Combine(AppContext.BaseDirectory, sync.UnitsFile)));
        services.AddSingleton<ApplicantHasher>();
        services.AddSingleton<ISyncCallerResolver, ClaimsSyncCallerResolver>();
        var connectionString = builder.Configuration.GetRequiredConnectionString(DatabaseExtensions.ConnectionName);
        services.AddSingleton(_ => SyncDataSource.Create(connectionString));
        services.AddSingleton(typeof(SyncPipeline<>));
        services.AddSingleton(typeof(SyncRecordReader<>));
        builder.AddHubOutbox();
        services.AddHubGrpc(new GrpcServerOptions { MaxReceiveMessageSize = sync.MaxMessageBytes });
        builder.AddHubAuthentication();
        builder.ListenGrpcOnConfiguredUrl();
        return builder;
    }

    /// <summary>
    /// Serves gRPC, health and readiness on the port of the first configured URL (ASPNETCORE_URLS),
    /// as HTTP/2 cleartext: cleartext has no ALPN, so that port cannot also speak HTTP/1.1. Probes
    /// use HTTP/2 with prior knowledge (curl --http2-prior-knowledge).
    /// </summary>
    public static void ListenGrpcOnConfiguredUrl(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var first = (builder.Configuration["urls"] ?? "http://127.0.0.1:5000").Split(';')[0];
        var uri = new Uri(first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpcCleartext(address, uri.Port));
    }
}

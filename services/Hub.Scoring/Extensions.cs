using Hub.Outbox;
using Hub.Scoring.Api;
using Hub.Scoring.Calendar;
using Hub.Scoring.Data;
using Hub.Scoring.Engine;
using Hub.Scoring.Facts;
using Hub.Scoring.Grpc;
using Hub.Scoring.Live;
using Hub.Scoring.Rules;
using Hub.Scoring.Units;
using Hub.ServiceDefaults.Data;
using Hub.ServiceDefaults.Messaging;
using Hub.ServiceDefaults.Security;
using MassTransit;

namespace Hub.Scoring;

public static class Extensions
{
    /// <summary>
    /// The scoring service: its database and reference data, the fact consumers, the rule sets,
    /// the engine and its loop, and the outbox its results leave through.
    /// </summary>
    public static WebApplicationBuilder AddScoringService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ScoringOptions.Section).Get<ScoringOptions>() ?? new ScoringOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => UnitDirectory.Load(InBase(options.UnitsFile)));
        services.AddSingleton(_ => WorkingCalendar.Load(InBase(options.HolidaysFile)));
        services.AddSingleton(_ => new RuleSetCatalog(RuleSetLoader.LoadFolder(InBase(options.RuleSetsFolder)), options.Schedule));
        builder.AddHubDbContext<ScoringDbContext>();
        // Reference data is in place before the first event is consumed: hosted services start in order.
        services.AddHostedService<ReferenceDataLoader>();
        // A replica that only answers queries can leave the sync events to the others.
        var consumeEvents = builder.Configuration.GetValue("Scoring:ConsumeEvents", defaultValue: true);
        builder.AddHubMessaging(bus =>
        {
            if (consumeEvents)
            {
                bus.AddConsumer<DossiersChangedConsumer>();
                bus.AddConsumer<ProceduresChangedConsumer>();
                bus.AddConsumer<FeedbackChangedConsumer>();
                bus.AddConsumer<PeriodTotalsDeclaredConsumer>();
                bus.AddConsumer<DocumentsChangedConsumer>();
            }
            bus.AddScoreFeed();
            // Each service checks the deny-list itself (a call may reach it without the gateway).
            bus.AddRevocationConsumer();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200))));
        });
        builder.AddHubOutbox();
        builder.AddHubAuthentication();
        services.AddSingleton<FactWriter>();
        services.AddSingleton<RecomputeSignal>();
        services.AddSingleton<DirtyTargets>();
        services.AddSingleton<ScoreVersion>();
        services.AddHostedService<ScoreChangeListener>();
        services.AddSingleton<ScoreEngine>();
        services.AddSingleton<FullRecompute>();
        if (options.RunRounds)
        {
            services.AddHostedService<RecomputeLoop>();
        }
        builder.AddScoresApi();
        builder.AddScoresGrpc();
        return builder;
    }

    /// <summary>The service's endpoints: authentication, then its REST and gRPC APIs.</summary>
    public static WebApplication MapScoringService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapScoresApi();
        app.MapScoresGrpc();
        return app;
    }

    private static string InBase(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

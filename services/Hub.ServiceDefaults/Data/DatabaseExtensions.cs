using Hub.ServiceDefaults.Configuration;
using Hub.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Hub.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>Name of the connection string every service reads its own database from.</summary>
    public const string ConnectionName = "Postgres";

    /// <summary>
    /// The service's PostgreSQL database: one pooled data source, the EF Core context on it with a
    /// retrying execution strategy for transient failures, and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddHubDbContext<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(ConnectionName);
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddDbContext<TContext>((services, options) => options.UseHubPostgres(services.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>How every hub DbContext talks to PostgreSQL; also for tools and tests that build a context themselves.</summary>
    public static TBuilder UseHubPostgres<TBuilder>(this TBuilder options, NpgsqlDataSource dataSource)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(dataSource, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null));
        // The hub's migrations are written by hand: Microsoft.EntityFrameworkCore.Design does not
        // restore from the project's feed, so there is no model snapshot to compare the model with,
        // and EF's "pending model changes" check would refuse every migration. Tests check the schema.
        options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options;
    }
}

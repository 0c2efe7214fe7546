using Hub.ServiceDefaults.Data;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hub.ServiceDefaults.Tests;

public sealed class MigrationRunnerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task With_migrate_the_service_prepares_its_database_and_exits_without_serving()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["urls"] = "http://127.0.0.1:0",
        });
        builder.AddHubDbContext<UnmigratedContext>();
        await using var app = builder.Build();

        // Returns on its own: a service that started serving would block here until stopped.
        await app.RunOrMigrateAsync<UnmigratedContext>([MigrationRunner.MigrateArgument]).WaitAsync(TimeSpan.FromMinutes(1));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }
}

/// <summary>A context with no entities and no migrations yet: migrating creates only EF's history table.</summary>
public sealed class UnmigratedContext(DbContextOptions<UnmigratedContext> options) : DbContext(options);

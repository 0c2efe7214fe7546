using Hub.ServiceDefaults.Data;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.ServiceDefaults.Tests;

/// <summary>The fixture's PostgreSQL is real: EF Core, as a service registers it, writes and reads rows.</summary>
public sealed class PostgresFixtureTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Rows_written_through_EF_Core_are_read_back_from_a_new_context()
    {
        using var host = BuildHost();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SampleContext>();
            await db.Database.EnsureCreatedAsync();
            db.Procedures.AddRange(
                new SampleProcedure { Code = "1.001234", Name = "Đăng ký khai sinh" },
                new SampleProcedure { Code = "2.000488", Name = "Cấp phiếu lý lịch tư pháp" });
            await db.SaveChangesAsync();
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SampleContext>();
            var names = await db.Procedures.OrderBy(p => p.Code).Select(p => p.Name).ToListAsync();
            Assert.Equal(["Đăng ký khai sinh", "Cấp phiếu lý lịch tư pháp"], names);
        }
    }

    [Fact]
    public async Task Each_test_class_gets_its_own_empty_database()
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(database.Name, connection.Database);
        Assert.StartsWith("hub_test_", database.Name, StringComparison.Ordinal);
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
        });
        builder.AddHubDbContext<SampleContext>();
        return builder.Build();
    }
}

public sealed class SampleContext(DbContextOptions<SampleContext> options) : DbContext(options)
{
    public DbSet<SampleProcedure> Procedures => Set<SampleProcedure>();
}

public sealed class SampleProcedure
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}

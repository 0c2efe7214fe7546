using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.ServiceDefaults.Data;

public static class MigrationRunner
{
    /// <summary>The argument that makes a service apply its migrations and exit.</summary>
    public const string MigrateArgument = "--migrate";

    /// <summary>
    /// Serves, or with <c>--migrate</c> applies the database migrations and exits. Migrations run
    /// as a step of their own (a Job in a cluster, `tools/hub up` here), never inside a replica's
    /// start-up, so replicas never race each other over the schema.
    /// </summary>
    public static async Task RunOrMigrateAsync<TContext>(this WebApplication app, string[] args)
        where TContext : DbContext
    {
        if (!args.Contains(MigrateArgument))
        {
            await app.RunAsync();
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync();
    }

    /// <summary>For a service without a database: <c>--migrate</c> has nothing to do and exits.</summary>
    public static Task RunOrMigrateAsync(this WebApplication app, string[] args) =>
        args.Contains(MigrateArgument) ? Task.CompletedTask : app.RunAsync();
}

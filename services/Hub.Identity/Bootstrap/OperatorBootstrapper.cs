using Hub.Identity.Audit;
using Hub.Identity.Clients;
using Hub.Identity.Data;
using Hub.Identity.Tenants;
using Hub.Identity.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Bootstrap;

/// <summary>
/// On the first start with an empty database: loads the administrative tree from units.csv, then
/// creates the operator tenant and its first admin client, and prints that client's secret once.
/// On every start, the configured deny-list reader is provisioned (<see cref="DenyListReaderProvisioner"/>).
/// It runs before the service accepts requests; an advisory lock keeps two replicas from both doing it.
/// </summary>
public sealed class OperatorBootstrapper(
    IServiceScopeFactory scopes, IHostEnvironment environment, IOptions<IdentityOptions> options, BootstrapOutput output,
    ILogger<OperatorBootstrapper> logger) : IHostedService
{
    public const string OperatorTenant = "operator";
    public const string AdminClient = "hub-admin";
    private const long BootstrapLock = 0x4855_4249_4432;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityContext>();
        var factory = scope.ServiceProvider.GetRequiredService<ClientSecretFactory>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        NewSecretResponse? shown = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({BootstrapLock})", ct);
            var file = UnitSeedLoader.Locate(options.Value.UnitsFile, environment.ContentRootPath);
            if (file is null)
            {
                IdentityLog.UnitsFileMissing(logger, options.Value.UnitsFile);
            }
            await UnitSeedLoader.SeedIfEmptyAsync(db, file, logger, ct);
            var now = time.GetUtcNow();
            var created = await db.Tenants.AnyAsync(ct) ? null : CreateOperator(db, factory, audit, now);
            // The operator tenant is stored before the deny-list reader, a client of it, is added.
            await db.SaveChangesAsync(ct);
            await DenyListReaderProvisioner.ProvisionAsync(db, options.Value.DenyListReader, factory, audit, now, logger, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            shown = created;
        }, cancellationToken);

        if (shown is not null)
        {
            IdentityLog.Bootstrapped(logger, shown.ClientId);
            await output.Writer.WriteLineAsync($"""

                Hub identity bootstrap: created tenant '{OperatorTenant}' and admin client '{shown.ClientId}'.
                Its secret is shown this once; store it now (e.g. export HUB_CLIENT_ID={shown.ClientId} HUB_CLIENT_SECRET=...):

                    {shown.Secret}

                """);
            await output.Writer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>The operator tenant and its admin client; returns the admin secret to show once.</summary>
    private static NewSecretResponse CreateOperator(IdentityContext db, ClientSecretFactory factory, AuditTrail audit, DateTimeOffset now)
    {
        var tenant = new Tenant { Id = OperatorTenant, Name = "Hub operator", Kind = TenantKind.Operator, UnitCode = UnitSeedLoader.NationalCode, CreatedAt = now };
        var client = new Client { Id = AdminClient, TenantId = OperatorTenant, Name = "Hub administrator", Scopes = HubScopes.Admin, CreatedAt = now };
        var (secret, newSecret) = factory.Create(AdminClient, null);
        client.Secrets.Add(secret);
        db.Tenants.Add(tenant);
        db.Clients.Add(client);
        audit.Record("tenant.created", $"tenant:{tenant.Id}", null, TenantResponse.From(tenant));
        audit.Record("client.created", $"client:{client.Id}", null, ClientResponse.From(client));
        return newSecret;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

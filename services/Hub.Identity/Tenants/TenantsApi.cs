using System.Text.RegularExpressions;
using Hub.Identity.Admin;
using Hub.Identity.Audit;
using Hub.Identity.Data;
using Hub.Identity.Units;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Tenants;

public static partial class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapAdminGroup("tenants");
        tenants.MapGet("", ListAsync).WithName("ListTenants");
        tenants.MapGet("{id}", GetAsync).WithName("GetTenant");
        tenants.MapPost("", CreateAsync).WithName("CreateTenant");
        return app;
    }

    private static async Task<Ok<List<TenantResponse>>> ListAsync(IdentityContext db, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(tenants.Select(TenantResponse.From).ToList());
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(string id, IdentityContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tenant is null ? Problems.NotFound($"Tenant '{id}'") : TypedResults.Ok(TenantResponse.From(tenant));
    }

    private static async Task<Results<Created<TenantResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest request, IdentityContext db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Id) || !IdPattern().IsMatch(request.Id))
        {
            errors.Add("id", "An id is 1 to 64 lower-case letters, digits, '.', '_' or '-', e.g. the province code '79'.");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors.Add("name", "A name of 1 to 200 characters is required.");
        }
        if (request.Kind is null || !TenantKind.All.Contains(request.Kind))
        {
            errors.Add("kind", $"The kind is one of: {string.Join(", ", TenantKind.All)}.");
        }
        var unit = request.Unit is null ? null : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.Unit, cancellationToken);
        if (unit is null)
        {
            errors.Add("unit", "The tenant's root unit must be an existing unit code.");
        }
        else if (request.Kind == TenantKind.Province && unit.Level != UnitLevel.Province
            || request.Kind == TenantKind.Ministry && unit.Level != UnitLevel.Ministry)
        {
            errors.Add("unit", $"A {request.Kind} tenant's root unit must be a {request.Kind}, not a {unit.Level}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Tenants.AnyAsync(t => t.Id == request.Id, cancellationToken))
        {
            return Problems.Conflict($"Tenant '{request.Id}' already exists.");
        }
        var tenant = new Tenant { Id = request.Id!, Name = request.Name!.Trim(), Kind = request.Kind!, UnitCode = unit!.Code, CreatedAt = time.GetUtcNow() };
        db.Tenants.Add(tenant);
        var response = TenantResponse.From(tenant);
        audit.Record("tenant.created", $"tenant:{tenant.Id}", null, response);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{AdminEndpoints.Prefix}/tenants/{tenant.Id}", response);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}

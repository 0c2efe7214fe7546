using Hub.Identity.Admin;
using Hub.Identity.Audit;
using Hub.Identity.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Units;

public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var units = app.MapAdminGroup("units");
        units.MapGet("", ListAsync).WithName("ListUnits");
        units.MapGet("{code}", GetAsync).WithName("GetUnit");
        units.MapPost("", CreateAsync).WithName("CreateUnit");
        units.MapPut("{code}", UpdateAsync).WithName("UpdateUnit");
        units.MapDelete("{code}", DeleteAsync).WithName("DeleteUnit");
        return app;
    }

    private static async Task<Ok<List<UnitResponse>>> ListAsync(IdentityContext db, string? parent, string? level, CancellationToken cancellationToken)
    {
        var query = db.Units.AsNoTracking();
        if (!string.IsNullOrEmpty(parent))
        {
            query = query.Where(u => u.ParentCode == parent);
        }
        if (!string.IsNullOrEmpty(level))
        {
            query = query.Where(u => u.Level == level);
        }
        var units = await query.OrderBy(u => u.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(units.Select(UnitResponse.From).ToList());
    }

    private static async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> GetAsync(string code, IdentityContext db, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        return unit is null ? Problems.NotFound($"Unit '{code}'") : TypedResults.Ok(UnitResponse.From(unit));
    }

    private static async Task<Results<Created<UnitResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUnitRequest request, IdentityContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = await UnitValidator.ValidateAsync(db, request.Code, request.Parent, request.Level, request.Name, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Units.AnyAsync(u => u.Code == request.Code, cancellationToken))
        {
            return Problems.Conflict($"Unit '{request.Code}' already exists.");
        }
        var unit = new Unit { Code = request.Code!, ParentCode = request.Parent, Level = request.Level!, Name = request.Name!.Trim() };
        db.Units.Add(unit);
        var response = UnitResponse.From(unit);
        audit.Record("unit.created", $"unit:{unit.Code}", null, response);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{AdminEndpoints.Prefix}/units/{unit.Code}", response);
    }

    private static async Task<Results<Ok<UnitResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string code, UpdateUnitRequest request, IdentityContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null)
        {
            return Problems.NotFound($"Unit '{code}'");
        }
        var errors = await UnitValidator.ValidateAsync(db, code, request.Parent, request.Level, request.Name, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var before = UnitResponse.From(unit);
        unit.ParentCode = request.Parent;
        unit.Level = request.Level!;
        unit.Name = request.Name!.Trim();
        var after = UnitResponse.From(unit);
        audit.Record("unit.updated", $"unit:{code}", before, after);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string code, IdentityContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null)
        {
            return Problems.NotFound($"Unit '{code}'");
        }
        if (await db.Units.AnyAsync(u => u.ParentCode == code, cancellationToken) || await db.Tenants.AnyAsync(t => t.UnitCode == code, cancellationToken))
        {
            return Problems.Conflict($"Unit '{code}' still has child units or tenants.");
        }
        db.Units.Remove(unit);
        audit.Record("unit.deleted", $"unit:{code}", UnitResponse.From(unit), null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

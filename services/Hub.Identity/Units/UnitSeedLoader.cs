using Hub.Identity.Data;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Units;

/// <summary>
/// Loads data/units/units.csv (<c>code,parent,level,name</c>, parents before children) into an
/// empty units table. After that the tree is edited through the admin API.
/// </summary>
public static class UnitSeedLoader
{
    public const string NationalCode = "VN";

    public static async Task SeedIfEmptyAsync(IdentityContext db, string? file, ILogger logger, CancellationToken cancellationToken)
    {
        if (await db.Units.AnyAsync(cancellationToken))
        {
            return;
        }
        if (file is null)
        {
            db.Units.Add(new Unit { Code = NationalCode, Level = UnitLevel.National, Name = "Việt Nam" });
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        var units = Parse(await File.ReadAllLinesAsync(file, cancellationToken));
        db.Units.AddRange(units);
        await db.SaveChangesAsync(cancellationToken);
        IdentityLog.UnitsSeeded(logger, units.Count, file);
    }

    public static List<Unit> Parse(IEnumerable<string> lines) =>
        lines.Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(',', 4))
            .Select(f => new Unit { Code = f[0].Trim(), ParentCode = f[1].Trim() is "" ? null : f[1].Trim(), Level = f[2].Trim(), Name = f[3].Trim() })
            .ToList();

    /// <summary>
    /// The seed file: as configured if absolute, else found by walking up from the content root and
    /// from the service's binaries (either way a checkout's data/units).
    /// </summary>
    public static string? Locate(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, configured);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}

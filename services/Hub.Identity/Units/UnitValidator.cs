using System.Text.RegularExpressions;
using Hub.Identity.Admin;
using Hub.Identity.Data;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Units;

/// <summary>
/// The tree's rules: official code shapes for provinces (2 digits) and communes (5 digits), and
/// which level may hang under which.
/// </summary>
public static partial class UnitValidator
{
    private static readonly Dictionary<string, string[]> AllowedParents = new(StringComparer.Ordinal)
    {
        [UnitLevel.National] = [],
        [UnitLevel.Ministry] = [UnitLevel.National],
        [UnitLevel.Province] = [UnitLevel.National],
        [UnitLevel.Department] = [UnitLevel.Province, UnitLevel.Ministry],
        [UnitLevel.Commune] = [UnitLevel.Province],
    };

    public static async Task<ValidationErrors> ValidateAsync(
        IdentityContext db, string? code, string? parent, string? level, string? name, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(code) || !CodePattern().IsMatch(code))
        {
            errors.Add("code", "A code is 1 to 32 letters, digits, '.' or '-'.");
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors.Add("name", "A name of 1 to 200 characters is required.");
        }
        if (level is null || !UnitLevel.All.Contains(level))
        {
            errors.Add("level", $"The level is one of: {string.Join(", ", UnitLevel.All)}.");
            return errors;
        }
        if (code is not null && level == UnitLevel.Province && !DigitsPattern(2).IsMatch(code))
        {
            errors.Add("code", "A province's code is its official 2-digit code.");
        }
        if (code is not null && level == UnitLevel.Commune && !DigitsPattern(5).IsMatch(code))
        {
            errors.Add("code", "A commune's code is its official 5-digit code.");
        }
        if (level == UnitLevel.National)
        {
            if (parent is not null)
            {
                errors.Add("parent", "The national unit has no parent.");
            }
            return errors;
        }
        var parentUnit = parent is null ? null : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == parent, cancellationToken);
        if (parentUnit is null)
        {
            errors.Add("parent", $"A {level} needs an existing parent unit.");
        }
        else if (!AllowedParents[level].Contains(parentUnit.Level))
        {
            errors.Add("parent", $"A {level} cannot be under a {parentUnit.Level}.");
        }
        else if (parentUnit.Code == code)
        {
            errors.Add("parent", "A unit cannot be its own parent.");
        }
        return errors;
    }

    private static Regex DigitsPattern(int count) => count == 2 ? TwoDigits() : FiveDigits();

    [GeneratedRegex("^[A-Za-z0-9.-]{1,32}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex TwoDigits();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex FiveDigits();
}

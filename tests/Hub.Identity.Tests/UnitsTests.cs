using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Identity.Units;

namespace Hub.Identity.Tests;

public sealed class UnitsTests(IdentityService service) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task The_tree_is_seeded_with_the_34_provinces_and_editable_through_the_API()
    {
        using var admin = await service.AdminAsync();
        var provinces = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/units?level=province");
        Assert.Equal(34, provinces.GetArrayLength());

        using var bad = await admin.PostAsJsonAsync("api/v1/admin/units", new { code = "123", parent = "79", level = "commune", name = "Xã Thử" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));

        using var created = await admin.PostAsJsonAsync("api/v1/admin/units", new { code = "99999", parent = "79", level = "commune", name = "Xã Thử" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var duplicate = await admin.PostAsJsonAsync("api/v1/admin/units", new { code = "99999", parent = "79", level = "commune", name = "Xã Thử" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var renamed = await admin.PutAsJsonAsync("api/v1/admin/units/99999", new { parent = "79", level = "commune", name = "Phường Thử" });
        Assert.Equal("Phường Thử", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        using var parentInUse = await admin.DeleteAsync("api/v1/admin/units/79");
        Assert.Equal(HttpStatusCode.Conflict, parentInUse.StatusCode);
        using var deleted = await admin.DeleteAsync("api/v1/admin/units/99999");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public void The_seed_file_is_a_consistent_tree_with_official_code_shapes()
    {
        var file = UnitSeedLoader.Locate("data/units/units.csv", AppContext.BaseDirectory)!;
        var lines = File.ReadAllLines(file);
        Assert.Equal("code,parent,level,name", lines[0]);
        var units = UnitSeedLoader.Parse(lines);
        Assert.Equal(units.Count, units.Select(u => u.Code).Distinct().Count());
        var seen = new Dictionary<string, string>();
        foreach (var unit in units)
        {
            Assert.Contains(unit.Level, UnitLevel.All);
            Assert.True(unit.ParentCode is null || seen.ContainsKey(unit.ParentCode), $"{unit.Code}: parent {unit.ParentCode} not listed before it");
            seen[unit.Code] = unit.Level;
        }
        var provinces = units.Where(u => u.Level == UnitLevel.Province).ToList();
        Assert.Equal(34, provinces.Count);
        Assert.All(provinces, p => Assert.Matches("^[0-9]{2}$", p.Code));
        Assert.All(units.Where(u => u.Level == UnitLevel.Commune), c => Assert.Matches("^[0-9]{5}$", c.Code));
    }
}

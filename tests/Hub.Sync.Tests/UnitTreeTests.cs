using Hub.Sync.Units;

namespace Hub.Sync.Tests;

public sealed class UnitTreeTests
{
    private static readonly UnitTree Tree = new([("VN", null), ("01", "VN"), ("00004", "01"), ("79", "VN"), ("26734", "79")]);

    [Theory]
    [InlineData("00004", "01", true)]
    [InlineData("01", "01", true)]
    [InlineData("00004", "VN", true)]
    [InlineData("26734", "01", false)]
    [InlineData("01", "00004", false)]
    [InlineData("unknown", "VN", false)]
    public void A_unit_is_within_itself_and_its_ancestors_only(string unit, string root, bool within) =>
        Assert.Equal(within, Tree.IsWithin(unit, root));

    [Fact]
    public void The_subtree_holds_the_root_and_its_descendants() =>
        Assert.Equal(["00004", "01"], Tree.Subtree("01").Order());

    [Fact]
    public void The_repositorys_unit_file_loads_and_every_parent_is_a_unit()
    {
        var path = Path.Combine(RepositoryFolder(), "data", "units", "units.csv");
        var tree = UnitTree.Load(path);
        var parents = File.ReadLines(path).Skip(1).Select(l => l.Split(',', 4)[1]).Where(p => p.Length > 0);

        Assert.True(tree.Count > 1);
        Assert.All(parents, p => Assert.True(tree.Contains(p), $"parent {p} is not a unit"));
    }

    private static string RepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Hub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Hub.sln not found");
    }
}

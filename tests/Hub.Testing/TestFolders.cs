namespace Hub.Testing;

/// <summary>Folders for test servers, under .hub/ in the checkout (git ignores it).</summary>
public static class TestFolders
{
    public static string Root => RepositoryRoot.Combine(".hub", "test");

    /// <summary>A new folder for a server that one test class owns.</summary>
    public static string NewPrivate(string kind) =>
        Path.Combine(Root, "private", $"{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
}

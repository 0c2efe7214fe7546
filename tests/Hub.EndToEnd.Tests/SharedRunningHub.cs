namespace Hub.EndToEnd.Tests;

/// <summary>The end-to-end tests share one running hub: starting every service takes a while.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRunningHub : ICollectionFixture<RunningHub>
{
    public const string Name = "running hub";
}

namespace Hub.Scoring.Tests.Api;

/// <summary>The REST tests share one service and its seeded scores; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ScoresApiGroup : ICollectionFixture<ScoresApiFixture>
{
    public const string Name = "scores-api";
}

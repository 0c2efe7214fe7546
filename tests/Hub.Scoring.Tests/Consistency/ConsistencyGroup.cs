namespace Hub.Scoring.Tests.Consistency;

/// <summary>
/// The consistency tests run one class at a time and apart from every other class of the run: they
/// publish events on the shared broker, which every running scoring service consumes (one fan-out
/// exchange per event type), and they compare the whole stored state with a full recompute.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsistencyGroup
{
    public const string Name = "Consistency";
}

namespace Hub.Scoring.Engine;

/// <summary>Where the own counts that a batch's dossier counters add up come from.</summary>
public enum CountSource
{
    /// <summary>
    /// The stored own counts (unit_counts), the dirty pairs among them counted again and stored
    /// first: the incremental loop, whose cost follows what changed.
    /// </summary>
    Stored,

    /// <summary>Counted from the facts for this batch alone, storing nothing: a check of the stored state.</summary>
    Facts,
}

namespace Hub.Scoring.Engine;

/// <summary>What a target's dossiers of one procedure add up to, as far as the procedure counters look.</summary>
internal struct ProcedureUse
{
    public long OnlineChannel { get; set; }

    public long FeeData { get; set; }

    public long FeeBearing { get; set; }

    public long PaidOnline { get; set; }

    public long PopulationData { get; set; }
}

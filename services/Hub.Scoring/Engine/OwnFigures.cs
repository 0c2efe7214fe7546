namespace Hub.Scoring.Engine;

/// <summary>
/// The figures of one row of own counts, in the order of CounterSql.OwnCountFigures. Each dossier
/// version adds its sign (a replaced version counts −1) to every figure whose condition it meets in
/// the month, as judged at <c>evalAt</c>.
/// </summary>
internal sealed class OwnFigures
{
    /// <summary>The one figure that is not a count of dossiers: handling time in microseconds.</summary>
    public const int HandlingMicroseconds = 5;

    private readonly long[] _values = new long[CounterSql.OwnCountFigures.Length];

    public long this[int index] => _values[index];

    /// <summary>
    /// The instant a version is judged at in a month: when it changed or when the month was last
    /// counted from the facts, whichever is later, and never past the month's end. False when the
    /// month had not begun then: the version does not count in it.
    /// </summary>
    public static bool Judges(in OwnCountRow row, in MonthBounds month, DateTime countedAt, out DateTime evalAt)
    {
        var judgedAt = row.ChangedAt > countedAt ? row.ChangedAt : countedAt;
        evalAt = judgedAt < month.To ? judgedAt : month.To;
        return month.From <= judgedAt;
    }

    public void Add(in OwnCountRow row, in MonthBounds month, DateTime evalAt)
    {
        var terminal = row.TerminalAt;
        var received = row.ReceivedAt >= month.From;
        var finished = terminal < month.To && row.Has(OwnCountFlags.EndedWithResult);
        var ended = terminal <= evalAt;
        // Ended before the month's end: one ending at the stroke of midnight also counts in the
        // next month, and is taken as ended there only, so a longer period counts it once.
        var endedWithin = ended && terminal < month.To;
        var onTime = row.Has(OwnCountFlags.AtMostOneSupplement) && row.Deadline is { } deadline && (
            terminal <= evalAt ? terminal.Value <= deadline
            : row.OpenSupplementAt <= evalAt ? row.OpenSupplementAt.Value <= deadline
            : evalAt <= deadline);
        var satisfied = onTime && !row.Has(OwnCountFlags.NegativeRating) && !row.Has(OwnCountFlags.Complaint);
        var paperResult = row.Has(OwnCountFlags.PaperResult);
        var electronicResult = row.Has(OwnCountFlags.ElectronicResult);
        var awaitingResult = row.Has(OwnCountFlags.ComponentsDigitised) && paperResult && !row.Has(OwnCountFlags.ResultDigitised);
        var awaiting = awaitingResult && !ended;
        var online = received && row.Has(OwnCountFlags.OnlineChannel);
        var fullOnlineEligible = row.Has(OwnCountFlags.FullOnlineEligible);
        var feeBearing = received && row.Has(OwnCountFlags.FeeBearing);
        var sign = row.Sign;

        Count(0, received);
        Count(1, true);
        Count(2, onTime && endedWithin);
        Count(3, onTime && !endedWithin);
        Count(4, finished);
        if (finished)
        {
            _values[HandlingMicroseconds] += sign * row.HandlingMicroseconds;
        }
        Count(6, online);
        Count(7, online && (!paperResult || electronicResult));
        Count(8, received && row.Has(OwnCountFlags.FeeData));
        Count(9, feeBearing);
        Count(10, feeBearing && row.Has(OwnCountFlags.PaidOnline));
        Count(11, finished && paperResult);
        Count(12, finished && paperResult && electronicResult);
        Count(13, received && row.Has(OwnCountFlags.ComponentsDigitised) && !awaitingResult);
        Count(14, awaiting && received);
        Count(15, awaiting && row.ReceivedAt >= month.QuarterFrom);
        Count(16, awaiting && row.ReceivedAt >= month.YearFrom);
        Count(17, received && row.Has(OwnCountFlags.Reused));
        Count(18, received && row.Has(OwnCountFlags.PersonalStore));
        Count(19, received && row.Has(OwnCountFlags.PopulationData));
        Count(20, satisfied && endedWithin);
        Count(21, satisfied && !endedWithin);
        Count(22, online && row.Has(OwnCountFlags.FullOnlineLevel) && fullOnlineEligible);
        Count(23, received && fullOnlineEligible);

        void Count(int index, bool condition)
        {
            if (condition)
            {
                _values[index] += sign;
            }
        }
    }
}

using System.Data.Common;
using Hub.Scoring.Periods;

namespace Hub.Scoring.Engine;

/// <summary>A unit and a period to score.</summary>
public readonly record struct ScoreTarget(string UnitCode, Period Period)
{
    /// <summary>The target in a row's first three columns: unit code, period kind, period start.</summary>
    public static ScoreTarget Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new(reader.GetString(0), new Period((PeriodKind)reader.GetInt16(1), reader.GetFieldValue<DateOnly>(2)));
    }
}

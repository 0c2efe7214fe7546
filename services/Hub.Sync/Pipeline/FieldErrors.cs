using Google.Protobuf.WellKnownTypes;
using Hub.Common.V1;

namespace Hub.Sync.Pipeline;

/// <summary>Checks that every area's validator repeats: required text, dates that make sense.</summary>
public static class FieldErrors
{
    // A record dated more than a day ahead is a clock or time-zone error at the source.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Required(ICollection<FieldError> errors, string field, string value, int maxLength = 64)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError { Field = field, Description = "is required" });
        }
        else if (value.Length > maxLength)
        {
            errors.Add(new FieldError { Field = field, Description = $"is longer than {maxLength} characters" });
        }
    }

    /// <summary>
    /// A valid timestamp after 2000 and, unless <paramref name="allowFuture"/> (a law's effective
    /// date), before tomorrow; or null (with an error when required).
    /// </summary>
    public static DateTimeOffset? Date(ICollection<FieldError> errors, string field, Timestamp? value, bool required, bool allowFuture = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            if (required)
            {
                errors.Add(new FieldError { Field = field, Description = "is required" });
            }
            return null;
        }
        if (value.Nanos is < 0 or > 999_999_999 || value.Seconds < Earliest.ToUnixTimeSeconds())
        {
            errors.Add(new FieldError { Field = field, Description = "is not a valid date after 2000-01-01" });
            return null;
        }
        var date = value.ToDateTimeOffset();
        if (!allowFuture && date > DateTimeOffset.UtcNow + FutureTolerance)
        {
            errors.Add(new FieldError { Field = field, Description = "is in the future" });
            return null;
        }
        return date;
    }

    public static void NotBefore(ICollection<FieldError> errors, string field, DateTimeOffset? value, string earlierField, DateTimeOffset? earlier)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && earlier is not null && value < earlier)
        {
            errors.Add(new FieldError { Field = field, Description = $"is before {earlierField}" });
        }
    }

    public static void Defined<TEnum>(ICollection<FieldError> errors, string field, TEnum value)
        where TEnum : struct, System.Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!System.Enum.IsDefined(value) || Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            errors.Add(new FieldError { Field = field, Description = "is unspecified or unknown" });
        }
    }
}

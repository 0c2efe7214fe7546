using System.Globalization;
using System.Text;

namespace Hub.Scoring.Api;

/// <summary>RFC 4180 text: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break; invariant culture.</summary>
public sealed class CsvText
{
    private readonly StringBuilder _text = new();
    private bool _lineStarted;

    public CsvText(IEnumerable<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        foreach (var name in header)
        {
            Field(name);
        }
        EndRow();
    }

    public CsvText Field(string? value)
    {
        if (_lineStarted)
        {
            _text.Append(',');
        }
        _lineStarted = true;
        if (value is null)
        {
            return this;
        }
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _text.Append(value);
        }
        else
        {
            _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return this;
    }

    public CsvText Field(double? value) => Field(value?.ToString(CultureInfo.InvariantCulture));

    public CsvText Field(long? value) => Field(value?.ToString(CultureInfo.InvariantCulture));

    public CsvText Field(bool value) => Field(value ? "true" : "false");

    public CsvText Field(DateTimeOffset? value) => Field(value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    public CsvText EndRow()
    {
        _text.Append("\r\n");
        _lineStarted = false;
        return this;
    }

    public override string ToString() => _text.ToString();
}

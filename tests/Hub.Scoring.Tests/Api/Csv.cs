using System.Text;

namespace Hub.Scoring.Tests.Api;

/// <summary>A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.</summary>
public static class Csv
{
    /// <summary>The records as dictionaries keyed by the header row's names.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string text)
    {
        var records = Records(text);
        Assert.NotEmpty(records);
        var header = records[0];
        return records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }).ToList();
    }

    public static IReadOnlyList<string> Header(string text) => Records(text)[0];

    private static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "an unterminated quoted field");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
                continue;
            }
            if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
                continue;
            }
            if (c == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "records end with CRLF");
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
                continue;
            }
            Assert.NotEqual('\n', c);
            field.Append(c);
            i++;
        }
        Assert.True(record.Count == 0 && field.Length == 0, "the last record ends with CRLF");
        return records;
    }
}
